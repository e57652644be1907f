/** The host page of app origins (host-page/main.ts): a status line and its script. */
import { HOST_PAGE_SCRIPT_PATH } from '../protocol/paths.ts';

export function hostPageHtml(): string {
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>Swerve host</title>
    <!-- An icon of its own: else the browser asks for /favicon.ico, which an app mounted at / would answer. -->
    <link rel="icon" href="data:," />
    <script type="module" src="${HOST_PAGE_SCRIPT_PATH}"></script>
  </head>
  <body>
    <p id="status">Starting the Swerve host…</p>
  </body>
</html>
`;
}
