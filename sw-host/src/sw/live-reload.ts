/**
 * What the worker does for `swerve watch` (catalog `liveReload`), and nothing else does:
 * - before it answers a navigation, it asks the server which version the folder is at; when the
 *   app deployed here is another, it sends the tab to the redeploy page, which deploys the
 *   folder and comes back to the same URL (so a plain reload always shows the latest build);
 * - to the HTML pages it answers it adds a module script that reloads the page when a new
 *   version lands (cli/page/up-live.ts), so open tabs follow rebuilds by themselves.
 * Under `swerve up` and on the site the catalog has no `liveReload`, and responses are the
 * app's own, byte for byte.
 */
import type { LiveReload } from '../catalog/app-catalog.ts';

/**
 * The redirect to the redeploy page when `deployedVersion` is not the folder's version; nothing
 * when it is, or when the server cannot say (the page is answered by what is deployed).
 */
export async function redeployFirst(
  live: LiveReload,
  deployedVersion: string | undefined,
  url: URL,
): Promise<Response | undefined> {
  const current = await fetch(live.version, { cache: 'no-store' })
    .then((response) => (response.ok ? (response.json() as Promise<{ version?: unknown }>) : undefined))
    .catch(() => undefined);
  if (typeof current?.version !== 'string' || current.version === deployedVersion) return undefined;
  const to = `${url.pathname}${url.search}`;
  return Response.redirect(`${url.origin}${live.redeploy}?to=${encodeURIComponent(to)}`, 302);
}

/** `response` with the live-reload script after its HTML, if it is an HTML page. */
export function withLiveReloadScript(
  response: Response,
  live: LiveReload,
  version: string | undefined,
): Response {
  const type = response.headers.get('content-type') ?? '';
  if (!response.body || !/^\s*text\/html\b/i.test(type)) return response;
  const src = `${live.script}?v=${encodeURIComponent(version ?? '')}`;
  const tag = new TextEncoder().encode(`\n<script type="module" src="${src}"></script>\n`);
  // After the document's last byte: the HTML parser puts it in the body, wherever the page ended.
  const body = response.body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({ flush: (controller) => controller.enqueue(tag) }),
  );
  const headers = new Headers(response.headers);
  headers.delete('content-length');
  return new Response(body, { status: response.status, statusText: response.statusText, headers });
}
