/**
 * The page a browser gets when its navigation reaches the `swerve up` server instead of the
 * service worker. Its only script is a file under the reserved prefix, so it runs under the
 * strict page CSP; it never carries the app's answer.
 */
import { UP_SCRIPT_PATH } from './up-protocol.ts';

function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char]!,
  );
}

/** The bootstrap page for the app `appName`. */
export function upPageHtml(appName: string): string {
  const name = escapeHtml(appName);
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>Starting ${name} with Swerve…</title>
    <!-- No /favicon.ico request: before the worker is installed, the server could only say 503. -->
    <link rel="icon" href="data:," />
    <script type="module" src="${UP_SCRIPT_PATH}"></script>
  </head>
  <body>
    <p id="status">Starting ${name} in your browser with Swerve…</p>
    <noscript>This app runs in your browser with Swerve, which needs JavaScript.</noscript>
  </body>
</html>
`;
}
