/**
 * `swerve watch`'s script in the app's own HTML pages (the worker adds it: sw/live-reload.ts).
 * It listens for new versions of the app folder and reloads the page when one lands; the worker
 * sees the page's version is old and redeploys before it answers (through the redeploy page).
 *
 * The version the page was answered with is in the script's own URL (`?v=`), so two tabs of two
 * versions each know which they show.
 */
import { UP_CHANGES_PATH } from '../up-protocol.ts';

const shown = new URL(import.meta.url).searchParams.get('v');
const changes = new EventSource(UP_CHANGES_PATH);
changes.addEventListener('message', (event: MessageEvent<string>) => {
  const { version } = JSON.parse(event.data) as { version: string };
  if (version !== shown) {
    changes.close();
    location.reload();
  }
});
