/**
 * Makes components of the core modules in a deploy that carry their WIT world (wasm32-wasip1
 * builds with wit-bindgen, which Spin componentizes when it loads them), in a tools worker of
 * this page's origin, before the deploy reaches the host. Other files are left as they are; a
 * core module of another kind is left for the host to reject with a message that names it.
 */
import { describeCoreModule } from '../component/core-module-kind.ts';
import { SwerveError } from '../errors.ts';
import { TOOLS_WORKER_PATH } from '../protocol/paths.ts';
import type { ToolsReply, ToolsRequest } from '../protocol/tools-worker.ts';

function isCoreModule(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && bytes[0] === 0 && bytes[1] === 0x61 && bytes[6] === 0 && bytes[7] === 0;
}

function witEmbedded(bytes: Uint8Array): boolean {
  try {
    return describeCoreModule(bytes).kind === 'wit-embedded';
  } catch {
    return false; // malformed: the host's check says so
  }
}

function componentizeIn(worker: Worker, path: string, bytes: Uint8Array): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    worker.onmessage = (event: MessageEvent<ToolsReply>) =>
      event.data.ok
        ? resolve(event.data.bytes)
        : reject(
            new SwerveError(
              'component-invalid',
              `${path} is a core module with its WIT embedded, but it could not be made a component ` +
                `(wasm-tools component new with the WASI preview 1 adapter): ${event.data.error}`,
            ),
          );
    worker.onerror = () =>
      reject(new SwerveError('host-unavailable', `The tools worker (${TOOLS_WORKER_PATH}) failed to start.`));
    worker.postMessage({ bytes } satisfies ToolsRequest, [bytes.buffer as ArrayBuffer]);
  });
}

/** `files` with every WIT-embedded core module replaced by its component. */
export async function componentizeCoreModules(
  files: Record<string, Uint8Array>,
): Promise<Record<string, Uint8Array>> {
  const modules = Object.entries(files).filter(([, bytes]) => isCoreModule(bytes) && witEmbedded(bytes));
  if (modules.length === 0) return files;
  const worker = new Worker(TOOLS_WORKER_PATH, { type: 'module', name: 'swerve-tools' });
  try {
    const result = { ...files };
    for (const [path, bytes] of modules) result[path] = await componentizeIn(worker, path, bytes);
    return result;
  } finally {
    worker.terminate();
  }
}
