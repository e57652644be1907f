import { afterEach, describe, expect, it, vi } from 'vitest';
import { toZip } from '../export/spin-zip.ts';
import { sha256Hex } from '../project/hash.ts';
import { AppFileError, appFromUrl, appFromZip, parseDigest } from './app-from-url.ts';

const MANIFEST = 'spin_manifest_version = 2\n[application]\nname = "zipped"\n';
const runnerBytes = new Uint8Array([0, 97, 115, 109, 9]);
const zip = toZip('zipped', [
  { path: 'spin.toml', bytes: new TextEncoder().encode(MANIFEST) },
  { path: 'runner.wasm', bytes: runnerBytes },
  { path: 'static/index.html', bytes: new TextEncoder().encode('<h1>hi</h1>') },
]);

function serve(bytes: Uint8Array): void {
  vi.stubGlobal('fetch', async () => new Response(bytes as Uint8Array<ArrayBuffer>));
}

afterEach(() => vi.unstubAllGlobals());

describe('apps shared as files', () => {
  it('open from an exported zip, the runner recognised by its hash', async () => {
    const app = await appFromZip(zip, 'fallback', { hash: await sha256Hex(runnerBytes) });
    expect(app).toEqual({
      name: 'zipped',
      files: {
        'spin.toml': MANIFEST,
        'runner.wasm': { component: 'runner' },
        'static/index.html': '<h1>hi</h1>',
      },
    });
  });

  it('say a zip without a spin.toml is not a Spin app', async () => {
    const other = toZip('x', [{ path: 'a.txt', bytes: new Uint8Array([97]) }]);
    await expect(appFromZip(other, 'x', { hash: '' })).rejects.toThrow(
      /not a Spin app zip: There is no spin.toml/,
    );
  });

  it('open ?app= only when the bytes match the digest, and say so when they do not', async () => {
    serve(zip);
    const digest = `sha256:${await sha256Hex(zip)}`;
    expect((await appFromUrl('https://example.test/app.zip', digest, { hash: '' })).name).toBe('zipped');
    const wrong = `sha256:${'0'.repeat(64)}`;
    await expect(appFromUrl('https://example.test/app.zip', wrong, { hash: '' })).rejects.toThrow(
      /is not the file this link was made for.*nothing was run/,
    );
  });

  it('refuse a malformed digest and a manifest that mounts a folder', async () => {
    expect(() => parseDigest('md5:abc')).toThrow(AppFileError);
    expect(parseDigest(`SHA256:${'A'.repeat(64)}`)).toBe('a'.repeat(64));
    serve(
      new TextEncoder().encode(
        `${MANIFEST}[component.c]\nsource = "c.wasm"\nfiles = [{ source = "src", destination = "/" }]\n`,
      ),
    );
    await expect(appFromUrl('https://example.test/spin.toml', null, { hash: '' })).rejects.toThrow(
      /Share the app as a zip/,
    );
  });
});
