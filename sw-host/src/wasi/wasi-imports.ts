/**
 * The WASI imports one component instance gets: preview2-shim's browser implementations,
 * isolated per instance (its own stdout/stderr, environment and filesystem), with nothing
 * granted that the manifest does not grant; `wasi:http` is Swerve's own (./http/), whose
 * outgoing requests go to the host's dispatcher, which applies `allowed_outbound_hosts`.
 *
 * The `wasi:http/types` classes must be the ones `serveIncoming` (./http/) makes requests with,
 * and their streams preview2-shim's `wasi:io` classes: jco checks handles with `instanceof`.
 */
import { InMemoryFilesystemAdapter } from '@bytecodealliance/preview2-shim/filesystem';
import { WASIShim } from '@bytecodealliance/preview2-shim/instantiation';
import type { DirectoryNode } from './file-tree.ts';
import { createHttp, type OutboundDispatcher } from './http/index.ts';
import { lineStream, type LineSink } from './line-stream.ts';
import { poll } from './poll.ts';
import * as io from '@bytecodealliance/preview2-shim/io';

export type { LineSink };

export interface InstanceCapabilities {
  stdout: LineSink;
  stderr: LineSink;
  /** What `wasi:cli/environment` returns. */
  environment?: Readonly<Record<string, string>>;
  /** The instance's own copy of the component's files, mounted at `/`; none when absent. */
  files?: DirectoryNode;
  /** Delivers the instance's outgoing HTTP requests (`wasi:http/outgoing-handler`). */
  outbound: OutboundDispatcher;
}

// Holds no state of its own: every instance passes its own tree.
const memoryFilesystem = new InMemoryFilesystemAdapter();

/** The import object for one fresh instance, keyed as jco's glue looks imports up. */
export function createWasiImports(capabilities: InstanceCapabilities) {
  const environment = { ...capabilities.environment };
  const preopens: Record<string, DirectoryNode> = capabilities.files ? { '/': capabilities.files } : {};
  const shim = new WASIShim({
    stdout: lineStream(capabilities.stdout),
    stderr: lineStream(capabilities.stderr),
    environment,
    arguments: [],
    browserFilesystem: { adapter: memoryFilesystem, preopens },
    // Sockets stay unsupported (a browser has none); HTTP is gated by the dispatcher instead.
    sandbox: { preopens, env: environment, args: [] },
    http: createHttp(capabilities.outbound),
    io: { ...io, poll },
  });
  return shim.getImportObject();
}
