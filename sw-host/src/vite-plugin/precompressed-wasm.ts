/**
 * Wasm travels compressed. A componentize-js core module is 12-19 MiB but 4.5 MiB gzipped and
 * 3.8 MiB as brotli, and servers compress on the fly only types they know as text (`vite
 * preview` and nginx's defaults leave `application/wasm` alone). So the build writes a `.br` and
 * a `.gz` beside each `.wasm` of the site, once, and `vite preview` serves them to browsers that
 * accept them; any static host can do the same from the same files (nginx `gzip_static`, Caddy
 * `precompressed`).
 */
import { createReadStream } from 'node:fs';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Connect } from 'vite';

/** Below this a `.wasm` is sent as it is: compressing saves less than a round trip. */
export const MIN_PRECOMPRESSED_BYTES = 16 * 1024;
/**
 * Brotli's quality: 5 gives 3.8 MiB for the 19 MiB runner in about a second; 11 gives 3.2 MiB
 * in about 90 s per module, too slow for every build.
 */
const BROTLI_QUALITY = 5;

const compressions = [
  { encoding: 'br', extension: '.br' },
  { encoding: 'gzip', extension: '.gz' },
] as const;

async function wasmFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.wasm'))
    .map((entry) => join(entry.parentPath, entry.name));
}

/** Writes `<file>.br` and `<file>.gz` beside each `.wasm` under `outDir` of at least the minimum size. */
export async function precompressWasm(outDir: string): Promise<number> {
  const files = await wasmFiles(outDir);
  let written = 0;
  await Promise.all(
    files.map(async (file) => {
      const bytes = await readFile(file);
      if (bytes.length < MIN_PRECOMPRESSED_BYTES) return;
      const [br, gz] = await Promise.all([
        promisify(brotliCompress)(bytes, {
          params: {
            [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY,
            [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
          },
        }),
        promisify(gzip)(bytes),
      ]);
      await Promise.all([writeFile(`${file}.br`, br), writeFile(`${file}.gz`, gz)]);
      written++;
    }),
  );
  return written;
}

/**
 * Answers a GET or HEAD of a `.wasm` with its precompressed copy when the request accepts that
 * encoding and the copy exists; everything else (and headers set before it) passes through.
 */
export function precompressedWasmMiddleware(outDir: string): Connect.NextHandleFunction {
  return (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://site').pathname);
    if (!pathname.endsWith('.wasm') || pathname.includes('..')) return next();
    const accepted = String(req.headers['accept-encoding'] ?? '');
    const file = join(outDir, pathname);
    void (async () => {
      for (const { encoding, extension } of compressions) {
        if (!new RegExp(`\\b${encoding}\\b`).test(accepted)) continue;
        const info = await stat(`${file}${extension}`).catch(() => undefined);
        if (!info?.isFile()) continue;
        res.setHeader('Content-Type', 'application/wasm');
        res.setHeader('Content-Encoding', encoding);
        res.setHeader('Content-Length', info.size);
        res.setHeader('Vary', 'Accept-Encoding');
        if (req.method === 'HEAD') return res.end();
        createReadStream(`${file}${extension}`).pipe(res);
        return;
      }
      next();
    })().catch(next);
  };
}
