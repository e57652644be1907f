import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LiveReload } from '../catalog/app-catalog.ts';
import { redeployFirst, withLiveReloadScript } from './live-reload.ts';

const live: LiveReload = {
  version: '/_swerve/up/version',
  changes: '/_swerve/up/changes',
  script: '/_swerve/up-live.js',
  redeploy: '/_swerve/up',
};

describe('swerve watch in the worker', () => {
  afterEach(() => vi.unstubAllGlobals());

  it("adds the reload script after an HTML page's last byte, with the version it shows", async () => {
    const page = new Response('<h1>hi</h1>', {
      headers: { 'content-type': 'text/html', 'content-length': '11' },
    });
    const answered = withLiveReloadScript(page, live, 'v 1');
    expect(answered.headers.get('content-length')).toBeNull();
    expect(await answered.text()).toBe(
      '<h1>hi</h1>\n<script type="module" src="/_swerve/up-live.js?v=v%201"></script>\n',
    );
  });

  it('leaves anything but HTML byte for byte as the app answered it', async () => {
    const json = new Response('{"a":1}', { status: 201, headers: { 'content-type': 'application/json' } });
    const answered = withLiveReloadScript(json, live, 'v1');
    expect(answered).toBe(json);
  });

  it('sends a navigation to the redeploy page when the folder is at another version, and back to its URL', async () => {
    vi.stubGlobal('fetch', async () => Response.json({ version: 'new' }));
    const redirect = await redeployFirst(live, 'old', new URL('http://127.0.0.1:3000/a/b?c=1'));
    expect(redirect?.status).toBe(302);
    expect(redirect?.headers.get('location')).toBe('http://127.0.0.1:3000/_swerve/up?to=%2Fa%2Fb%3Fc%3D1');
    expect(await redeployFirst(live, 'new', new URL('http://127.0.0.1:3000/'))).toBeUndefined();
  });

  it('answers with what is deployed when the server cannot say which version is current', async () => {
    vi.stubGlobal('fetch', async () => new Response('broken', { status: 500 }));
    expect(await redeployFirst(live, 'old', new URL('http://127.0.0.1:3000/'))).toBeUndefined();
    vi.stubGlobal('fetch', async () => Promise.reject(new TypeError('offline')));
    expect(await redeployFirst(live, 'old', new URL('http://127.0.0.1:3000/'))).toBeUndefined();
  });
});
