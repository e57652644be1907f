/**
 * The WASI imports one component instance gets: preview2-shim's browser implementations,
 * isolated per instance (its own stdout/stderr, environment and filesystem), with nothing
 * granted that the manifest does not grant.
 *
 * The `wasi:http/types` classes must come from the same preview2-shim module instance as
 * `handleIncomingRequest` (http/serve-request.ts): they share private class fields.
 */
import { InMemoryFilesystemAdapter } from '@bytecodealliance/preview2-shim/filesystem';
import { WASIShim } from '@bytecodealliance/preview2-shim/instantiation';
import type { DirectoryNode } from '../apps/file-tree.ts';

/** Receives a guest's output one line at a time. */
export type LineSink = (line: string) => void;

export interface InstanceCapabilities {
  stdout: LineSink;
  stderr: LineSink;
  /** What `wasi:cli/environment` returns. */
  environment?: Readonly<Record<string, string>>;
  /** The instance's own copy of the component's files, mounted at `/`; none when absent. */
  files?: DirectoryNode;
}

// Holds no state of its own: every instance passes its own tree.
const memoryFilesystem = new InMemoryFilesystemAdapter();

/** A stream handler for preview2-shim that splits bytes into lines. */
function lineStream(sink: LineSink) {
  const decoder = new TextDecoder();
  let pending = '';
  const flush = () => {
    pending += decoder.decode();
    if (pending) sink(pending);
    pending = '';
  };
  return {
    write(contents: Uint8Array) {
      pending += decoder.decode(contents, { stream: true });
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) sink(line.endsWith('\r') ? line.slice(0, -1) : line);
    },
    flush,
    blockingFlush: flush,
    drop: flush,
  };
}

/** The import object for one fresh instance, keyed as jco's glue looks imports up. */
export function createWasiImports(capabilities: InstanceCapabilities): Record<string, unknown> {
  const environment = { ...capabilities.environment };
  const preopens: Record<string, unknown> = capabilities.files ? { '/': capabilities.files } : {};
  const shim = new WASIShim({
    stdout: lineStream(capabilities.stdout),
    stderr: lineStream(capabilities.stderr),
    environment,
    arguments: [],
    browserFilesystem: { adapter: memoryFilesystem, preopens },
    sandbox: { preopens, env: environment, args: [], enableNetwork: false },
  });
  return shim.getImportObject() as Record<string, unknown>;
}
