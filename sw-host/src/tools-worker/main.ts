/**
 * Componentizes core modules for a page: `wasm-tools component new` with the WASI preview 1
 * adapter, as Spin does when it loads a wasm32-wasip1 module with its WIT embedded. A page starts
 * this worker only when a deploy holds such a module (client/componentize.ts): wasm-tools is
 * 2.4 MB of Wasm that nothing else needs. It is a worker because compiling Wasm needs
 * 'wasm-unsafe-eval', which only the workers' CSP allows.
 */
/// <reference lib="webworker" />
import { componentNew } from '@bytecodealliance/jco-transpile/wasm-tools';
import { PREVIEW1_ADAPTER_PATH } from '../protocol/paths.ts';
import type { ToolsReply, ToolsRequest } from '../protocol/tools-worker.ts';

declare const self: DedicatedWorkerGlobalScope;

let adapter: Promise<Uint8Array> | undefined;

function loadAdapter(): Promise<Uint8Array> {
  return fetch(PREVIEW1_ADAPTER_PATH).then(async (response) => {
    if (!response.ok) throw new Error(`${PREVIEW1_ADAPTER_PATH} answered ${response.status}`);
    return new Uint8Array(await response.arrayBuffer());
  });
}

self.addEventListener('message', async (event: MessageEvent<ToolsRequest>) => {
  let reply: ToolsReply;
  try {
    adapter ??= loadAdapter();
    const bytes = await componentNew(event.data.bytes, [['wasi_snapshot_preview1', await adapter]]);
    reply = { ok: true, bytes };
  } catch (error) {
    adapter = undefined;
    const detail = (error as { payload?: unknown }).payload ?? (error as Error).message ?? error;
    reply = { ok: false, error: String(detail) };
  }
  self.postMessage(reply, reply.ok ? [reply.bytes.buffer as ArrayBuffer] : []);
});
