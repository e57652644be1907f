import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { trimSqliteWasm } from './sqlite-wasm-trim.ts';

/** The installed sqlite-wasm module, as the host's build bundles it. */
async function installedModule(): Promise<{ code: string; id: string }> {
  const id = createRequire(import.meta.url)
    .resolve('@sqlite.org/sqlite-wasm')
    .replace(/node\.mjs$/, 'index.mjs');
  return { code: await readFile(id, 'utf8'), id };
}

describe('trimSqliteWasm', () => {
  it('cuts the installed module references to the OPFS proxy and the Worker1 worker, and keeps sqlite3.wasm', async () => {
    const { code, id } = await installedModule();
    expect(code).toContain('"sqlite3-opfs-async-proxy.js", import.meta.url');
    const trimmed = trimSqliteWasm(code, id);
    expect(trimmed).not.toContain('"sqlite3-opfs-async-proxy.js", import.meta.url');
    expect(trimmed).not.toContain('"sqlite3-worker1.mjs", import.meta.url');
    expect(trimmed).toContain('new URL("sqlite3.wasm", import.meta.url)');
  });

  it('fails the build, saying what to update, when a release changed the module', () => {
    expect(() => trimSqliteWasm('export default 1;', '/x/index.mjs')).toThrow(
      /no longer has exactly one .*sqlite3-opfs-async-proxy.*Update sw-host\/src\/vite-plugin\/sqlite-wasm-trim\.ts/,
    );
  });
});
