/**
 * What the server answers for an app URL when the service worker did not (it is not installed
 * yet, or the client is not a browser): browsers get a page that installs the host and reloads;
 * other clients get a short explanation. Neither ever carries an app's answer.
 */
import { BOOTSTRAP_SCRIPT_PATH } from '../protocol/paths.ts';

export function bootstrapHtml(): string {
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>Starting Swerve…</title>
    <!-- An icon of its own: else the browser asks for /favicon.ico, which an app mounted at / would answer. -->
    <link rel="icon" href="data:," />
    <script type="module" src="${BOOTSTRAP_SCRIPT_PATH}"></script>
  </head>
  <body>
    <p id="status">Starting the Swerve host in your browser…</p>
    <noscript>This app runs in your browser with Swerve, which needs JavaScript.</noscript>
  </body>
</html>
`;
}

export function notABrowserText(url: string): string {
  return (
    `This is a Swerve app: it runs inside your browser, in a service worker, not on this server.\n` +
    `Open ${url} in a browser (Chromium, Firefox or Safari) to use it.\n`
  );
}

/** Whether a request is a browser navigation (which can run the bootstrap page). */
export function isNavigation(headers: Record<string, string | string[] | undefined>): boolean {
  const mode = headers['sec-fetch-mode'];
  if (mode !== undefined) return mode === 'navigate';
  const accept = headers['accept'];
  return typeof accept === 'string' && accept.includes('text/html');
}
