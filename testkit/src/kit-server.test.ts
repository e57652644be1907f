import { parseManifest, readPrebuiltHost } from 'swerve/node';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppSource } from './app-source.ts';
import { readPackagedHost } from './host-build.ts';
import { startKitServer, type KitServer } from './kit-server.ts';

/** GET `path` from the server with a `Host` header (Node resolves no `*.localhost`). */
function get(server: KitServer, host: string, path: string, headers: Record<string, string> = {}) {
  const port = new URL(server.siteOrigin).port;
  return new Promise<{ status: number; body: string; headers: Record<string, unknown> }>(
    (resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port, path, headers: { host: `${host}:${port}`, ...headers } },
        (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (body += chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
        },
      );
      req.on('error', reject);
      req.end();
    },
  );
}

describe('the kit server', () => {
  let dir: string;
  let server: KitServer;
  let fileUrl: (relative: string) => string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kit-server-'));
    const hostDir = join(dir, 'host');
    await mkdir(join(hostDir, '_swerve'), { recursive: true });
    await writeFile(join(hostDir, 'host-build.json'), '{"build":"b1"}');
    await writeFile(join(hostDir, 'sw.js'), '// worker');
    await writeFile(join(hostDir, '_swerve/host.html'), '<p>host</p>');
    await writeFile(join(dir, 'spin.toml'), 'spin_manifest_version = 2');
    await writeFile(join(dir, 'secret.txt'), 'private');
    const app: AppSource = {
      id: 'a1',
      manifestFile: 'spin.toml',
      displayPath: 'spin.toml',
      served: new Map([['spin.toml', join(dir, 'spin.toml')]]),
      deployFiles: new Map(),
      warnings: [],
      name: 'a1',
      manifest: parseManifest(
        'spin_manifest_version = 2\n[application]\nname = "a1"\n[[trigger.http]]\nroute = "/"\nstatic_response = { body = "a1" }\n',
        'spin.toml',
      ),
    };
    server = await startKitServer(await readPackagedHost(hostDir, await readPrebuiltHost(hostDir)), 0);
    fileUrl = server.addApp(app);
  });
  afterAll(async () => {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('has a two-label site host, so that apps get origins beneath it', () => {
    expect(server.siteOrigin).toMatch(/^http:\/\/kit\.localhost:\d+$/);
    expect(server.appOrigin('p123')).toBe(server.siteOrigin.replace('kit.', 'p123.kit.'));
  });

  it('serves the host build at every origin, the worker with its own CSP', async () => {
    for (const host of ['kit.localhost', 'p123.kit.localhost']) {
      const worker = await get(server, host, '/sw.js');
      expect(worker.status).toBe(200);
      expect(String(worker.headers['content-security-policy'])).toContain("'wasm-unsafe-eval'");
      expect((await get(server, host, '/_swerve/host.html')).body).toBe('<p>host</p>');
    }
  });

  it('answers the catalog with no apps: the app is deployed from the driver page', async () => {
    const catalog = await get(server, 'p123.kit.localhost', '/_swerve/apps.json');
    expect(JSON.parse(catalog.body)).toEqual({ build: 'b1', apps: [] });
  });

  it("serves an app's listed files at the site origin only, and nothing else of its folder", async () => {
    expect(fileUrl('spin.toml')).toBe('/_swerve/kit/app/a1/spin.toml');
    expect((await get(server, 'kit.localhost', fileUrl('spin.toml'))).body).toBe('spin_manifest_version = 2');
    expect((await get(server, 'p123.kit.localhost', fileUrl('spin.toml'))).status).toBe(404);
    expect((await get(server, 'kit.localhost', fileUrl('secret.txt'))).status).toBe(404);
    expect((await get(server, 'kit.localhost', '/_swerve/kit/app/a1/..%2Fsecret.txt')).status).toBe(404);
  });

  it("leaves the app's own paths to its service worker: a navigation gets the bootstrap page", async () => {
    const navigation = await get(server, 'p123.kit.localhost', '/hello', { 'sec-fetch-mode': 'navigate' });
    expect(navigation.status).toBe(200);
    expect(navigation.body).toContain('/_swerve/bootstrap.js');
    expect((await get(server, 'p123.kit.localhost', '/hello')).status).toBe(503);
  });

  it('serves a held request body once, at any origin, and no more once released', async () => {
    const once = server.holdBody(new TextEncoder().encode('large body'));
    expect(once.path).toMatch(/^\/_swerve\/kit\/body\/[0-9a-f-]{36}$/);
    const served = await get(server, 'p123.kit.localhost', once.path);
    expect([served.status, served.body]).toEqual([200, 'large body']);
    expect((await get(server, 'p123.kit.localhost', once.path)).status).toBe(404);
    const released = server.holdBody(new Uint8Array([1]));
    released.release();
    expect((await get(server, 'kit.localhost', released.path)).status).toBe(404);
  });

  it('takes an answer body the page sends, once, at the path it gave out', async () => {
    const slot = server.takeBody();
    const port = new URL(server.siteOrigin).port;
    const post = (path: string) =>
      new Promise<number>((resolve, reject) => {
        const req = request(
          { host: '127.0.0.1', port, path, method: 'POST', headers: { host: `p123.kit.localhost:${port}` } },
          (res) => resolve(res.statusCode ?? 0),
        );
        req.on('error', reject);
        req.end(Buffer.from([0, 1, 255]));
      });
    expect(await post(slot.path)).toBe(204);
    expect([...(await slot.taken)]).toEqual([0, 1, 255]);
    expect(await post(slot.path)).toBe(405);
    expect(await post('/_swerve/kit/body/not-given-out')).toBe(405);
  });
});
