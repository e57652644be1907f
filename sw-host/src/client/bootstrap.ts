/**
 * The page a tab gets when it opens an app URL before the host is installed (the server sends
 * it for navigations under the apps root). It installs the host, then reloads, so the same URL
 * is answered by the service worker this time.
 *
 * A reload that still reaches the server would loop; the reload guard stops that and says why.
 */
import { connectHost } from './host-connection.ts';
import { reloadUnlessLooping } from './reload-guard.ts';

const RELOADED = 'swerve:bootstrap-reloaded';
const status = document.getElementById('status')!;

try {
  await connectHost();
  if (reloadUnlessLooping(RELOADED) === 'stuck') {
    status.textContent =
      'The Swerve host is installed but did not answer this URL. Check that the app exists, ' +
      'then reload the page.';
  }
} catch (error) {
  status.textContent = error instanceof Error ? error.message : String(error);
}
