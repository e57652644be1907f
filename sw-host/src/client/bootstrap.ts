/**
 * The page a tab gets when it opens an app URL before the host is installed (the server sends
 * it for navigations under the apps root). It installs the host, then reloads, so the same URL
 * is answered by the service worker this time.
 *
 * A reload that still reaches the server would loop; a session flag stops that and says why.
 */
import { connectHost } from './host-connection.ts';

const RELOADED = 'swerve:bootstrap-reloaded';
/** A reload for the same URL within this window means the worker did not answer it. */
const LOOP_WINDOW_MS = 10_000;
const status = document.getElementById('status')!;

function reloadedJustNow(): boolean {
  const [href, at] = (sessionStorage.getItem(RELOADED) ?? '').split('\n');
  return href === location.href && Date.now() - Number(at) < LOOP_WINDOW_MS;
}

try {
  await connectHost();
  if (reloadedJustNow()) {
    sessionStorage.removeItem(RELOADED);
    status.textContent =
      'The Swerve host is installed but did not answer this URL. Check that the app exists, ' +
      'then reload the page.';
  } else {
    sessionStorage.setItem(RELOADED, `${location.href}\n${Date.now()}`);
    location.reload();
  }
} catch (error) {
  status.textContent = error instanceof Error ? error.message : String(error);
}
