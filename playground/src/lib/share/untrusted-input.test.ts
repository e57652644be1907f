/**
 * What a stranger's link, zip or app can make the tab do, tried as the stranger would: a method
 * that is a shell command, paths that climb out of the app, a gzip bomb, zips whose sizes lie, a
 * first request the visitor did not send, a spin.toml that pulls code from elsewhere.
 */
import { zipSync } from 'fflate';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { bytesToBase64 } from '../bytes/base64.ts';
import { fromZip, toZip } from '../export/spin-zip.ts';
import { MAX_ZIP_ENTRIES, MAX_ZIP_ENTRY_BYTES } from '../export/zip-reader.ts';
import { unsafePathReason } from '../project/app-path.ts';
import { toCurl } from '../request/request-spec.ts';
import { appFromUrl } from './app-from-url.ts';
import { sendsOnOpen } from './open-shared-app.ts';
import { decodeSharedApp, encodeSharedApp, MAX_LINK_APP_BYTES, type SharedApp } from './share-link.ts';
import { sharedAppKey } from './shared-app.ts';

const RealDecompressionStream = globalThis.DecompressionStream;

/** Stands in for DecompressionStream, counting what goes into the real one and what comes out. */
function countInflation(): { input: number; output: number; streams: number } {
  const counts = { input: 0, output: 0, streams: 0 };
  const counter = (key: 'input' | 'output') =>
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        counts[key] += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
  class CountingDecompressionStream {
    readonly writable: WritableStream<Uint8Array>;
    readonly readable: ReadableStream<Uint8Array>;
    constructor(format: CompressionFormat) {
      counts.streams++;
      const real = new RealDecompressionStream(format);
      const before = counter('input');
      void before.readable.pipeTo(real.writable as WritableStream<Uint8Array>).catch(() => undefined);
      this.writable = before.writable;
      this.readable = real.readable.pipeThrough(counter('output'));
    }
  }
  vi.stubGlobal('DecompressionStream', CountingDecompressionStream);
  return counts;
}

afterEach(() => vi.unstubAllGlobals());

async function gzip(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>])
    .stream()
    .pipeThrough(new CompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

const hex = (bytes: ArrayBuffer) =>
  [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, '0')).join('');

const toBase64Url = (bytes: Uint8Array) =>
  bytesToBase64(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

const app: SharedApp = {
  name: 'target',
  files: { 'spin.toml': 'spin_manifest_version = 2\n', 'src/index.js': '// handler\n' },
};

describe('a link whose first request is a shell command', () => {
  const hostile = ['`touch pwned`', '$(touch pwned)', "x';touch pwned;'"];

  it('is refused when opened, naming the method', async () => {
    for (const method of hostile) {
      const fragment = await encodeSharedApp({ ...app, request: { method, path: '/' } });
      await expect(decodeSharedApp(fragment)).rejects.toThrow(
        `its first request's method ${JSON.stringify(method)} is not one of GET, POST`,
      );
    }
    // The console's own methods still travel.
    const post = await encodeSharedApp({ ...app, request: { method: 'POST', path: '/x', body: 'b' } });
    expect((await decodeSharedApp(post)).request?.method).toBe('POST');
  });

  it('copies as a curl command with every part single-quoted, the method too', () => {
    // The shell runs this text in e2e/tests/share-link-security.spec.ts; here, its shape.
    const command = toCurl(
      { method: hostile[0]!, path: "/a'b", headers: 'x-a: $(id)', body: '`id`' },
      'http://p1.swerve.localhost:4173',
    );
    expect(command).toBe(
      "curl -X '`touch pwned`' -H 'x-a: $(id)' --data-raw '`id`' 'http://p1.swerve.localhost:4173/a'\\''b'",
    );
  });
});

describe('paths from a link or a zip', () => {
  const unsafe = ['../x', 'a/../../x', '/etc/passwd', 'C:/x', 'a\\b', 'a//b', 'a/', 'a/./b', 'a\u0007b', ''];

  it('are plain relative paths, or refused with the reason', () => {
    for (const path of unsafe) expect(unsafePathReason(path), path).toBeDefined();
    for (const path of ['spin.toml', 'src/index.js', '.well-known/x', 'a..b/c..']) {
      expect(unsafePathReason(path), path).toBeUndefined();
    }
  });

  it('refuse a link whose file climbs out, naming the path', async () => {
    const fragment = await encodeSharedApp({ ...app, files: { ...app.files, '../../.bashrc': 'evil' } });
    await expect(decodeSharedApp(fragment)).rejects.toThrow('its file path "../../.bashrc" is not allowed');
  });

  it('refuse a zip with a `../` entry before unpacking anything, and never write one', async () => {
    const zip = zipSync({
      'app/spin.toml': new TextEncoder().encode('spin_manifest_version = 2\n'),
      'app/../../evil.sh': new TextEncoder().encode('rm -rf ~'),
    });
    const counts = countInflation();
    await expect(fromZip(zip)).rejects.toThrow('The zip entry "app/../../evil.sh" is not allowed');
    expect(counts.streams).toBe(0);
    expect(() => toZip('app', [{ path: '../evil.sh', bytes: new Uint8Array() }])).toThrow(
      'The path "../evil.sh" is not allowed',
    );
  });
});

describe('what a stranger can make the tab inflate', () => {
  it('a gzip bomb link stops at MAX_LINK_APP_BYTES, inflating little past it', async () => {
    const zeros = 64 * 1024 * 1024;
    const bomb = await gzip(new Uint8Array(zeros));
    const counts = countInflation();
    await expect(decodeSharedApp(`v1.${toBase64Url(bomb)}`)).rejects.toThrow(
      /unpacks to more than 8 MiB \(the limit MAX_LINK_APP_BYTES\)/,
    );
    // Stopped at the limit: a few slices of input past it, never the 64 MiB it asked for.
    expect(counts.output).toBeGreaterThanOrEqual(MAX_LINK_APP_BYTES);
    expect(counts.output).toBeLessThan(MAX_LINK_APP_BYTES + 8 * 1024 * 1024);
  });

  /** A zip of `count` deflated entries of `size` zeros, its directory then made to declare `declared` for each. */
  function lyingZip(size: number, declared: number, count = 1): Uint8Array {
    const names = count === 1 ? ['app/spin.toml'] : Array.from({ length: count }, (_, i) => `app/f${i}.bin`);
    const zip = zipSync(Object.fromEntries(names.map((name) => [name, new Uint8Array(size)])), { level: 9 });
    const view = new DataView(zip.buffer);
    let patched = 0;
    for (let at = 0; at + 4 <= zip.length; at++) {
      if (view.getUint32(at, true) === 0x02014b50) {
        view.setUint32(at + 24, declared, true);
        patched++;
      }
    }
    expect(patched).toBe(count);
    return zip;
  }

  it('a zip entry that unpacks past its declared size is stopped there, and refused', async () => {
    const counts = countInflation();
    await expect(fromZip(lyingZip(16 * 1024 * 1024, 100))).rejects.toThrow(
      'The zip entry "app/spin.toml" unpacks to other than the 100 bytes its directory declares',
    );
    expect(counts.output).toBeLessThan(8 * 1024 * 1024);
  });

  it('a zip that declares more than the limits is refused before anything is inflated', async () => {
    const counts = countInflation();
    await expect(fromZip(lyingZip(1000, 0xfffffff0))).rejects.toThrow(
      /over the 64 MiB one file may have \(MAX_ZIP_ENTRY_BYTES\); nothing was unpacked/,
    );
    const many = zipSync(
      Object.fromEntries(
        Array.from({ length: MAX_ZIP_ENTRIES + 1 }, (_, i) => [`f${i}.txt`, new Uint8Array(1)]),
      ),
    );
    await expect(fromZip(many)).rejects.toThrow(/over the 5,000 an app zip may hold \(MAX_ZIP_ENTRIES\)/);
    // Each entry under the per-file limit, together over the total.
    await expect(fromZip(lyingZip(10, MAX_ZIP_ENTRY_BYTES, 5))).rejects.toThrow(
      /over the 256 MiB an app zip may hold \(MAX_ZIP_TOTAL_BYTES\)/,
    );
    expect(counts.streams).toBe(0);
  });
});

describe("a link's first request", () => {
  it('is part of the origin the app runs at, unless it is the default GET /', async () => {
    const plain = await sharedAppKey(app);
    expect(await sharedAppKey({ ...app, request: { method: 'GET', path: '/' } })).toBe(plain);
    const post = { method: 'POST', path: '/delete-all', headers: 'x-confirm: yes' };
    expect(await sharedAppKey({ ...app, request: post })).not.toBe(plain);
    expect(await sharedAppKey({ ...app, request: { ...post, headers: 'x-confirm: no' } })).not.toBe(
      await sharedAppKey({ ...app, request: post }),
    );
  });

  it('is sent as the link opens only when it is a plain GET', () => {
    expect(sendsOnOpen({ method: 'GET', path: '/todos' })).toBe(true);
    expect(sendsOnOpen({ method: 'POST', path: '/' })).toBe(false);
    expect(sendsOnOpen({ method: 'DELETE', path: '/todos/1' })).toBe(false);
    expect(sendsOnOpen({ method: 'GET', path: '/', headers: 'authorization: x' })).toBe(false);
  });
});

describe('?app= with a spin.toml', () => {
  const manifest = (source: string) =>
    `spin_manifest_version = 2\n[application]\nname = "remote"\n[[trigger.http]]\nroute = "/..."\ncomponent = "c"\n[component.c]\nsource = ${JSON.stringify(source)}\n`;
  let fetched: string[] = [];
  function serve(files: Record<string, string>): void {
    fetched = [];
    vi.stubGlobal('fetch', async (url: URL) => {
      fetched.push(url.href);
      const body = files[url.href];
      return body === undefined ? new Response('', { status: 404 }) : new Response(body);
    });
  }

  it('fetches the files it names only from its own folder on its own server', async () => {
    for (const source of ['https://evil.test/c.wasm', '//evil.test/c.wasm', '../c.wasm', '%2e%2e/c.wasm']) {
      serve({ 'https://apps.test/a/spin.toml': manifest(source) });
      await expect(appFromUrl('https://apps.test/a/spin.toml', null, { hash: '' }), source).rejects.toThrow(
        /may name only files in its own folder; nothing was fetched or run/,
      );
      expect(fetched).toEqual(['https://apps.test/a/spin.toml']);
    }
    serve({
      'https://apps.test/a/spin.toml': manifest('bin/c.wasm'),
      'https://apps.test/a/bin/c.wasm': 'wasm',
    });
    const opened = await appFromUrl('https://apps.test/a/spin.toml', null, { hash: '' });
    expect(Object.keys(opened.files).sort()).toEqual(['bin/c.wasm', 'spin.toml']);
  });

  it('is refused under a digest when it names files the digest does not cover', async () => {
    const text = manifest('c.wasm');
    serve({ 'https://apps.test/spin.toml': text, 'https://apps.test/c.wasm': 'wasm' });
    const digest = `sha256:${hex(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)))}`;
    await expect(appFromUrl('https://apps.test/spin.toml', digest, { hash: '' })).rejects.toThrow(
      /names files it does not cover \(c\.wasm\).*Share the app as a zip, whose digest covers every byte/,
    );
    expect(fetched).toEqual(['https://apps.test/spin.toml']);
  });
});
