/**
 * The script of the page `swerve up` answers a navigation with when the service worker did not
 * (the first visit, a hard reload, or the redeploy page). It installs the host, deploys the app
 * folder at `/` if this browser does not have its current version, then reloads: the same URL is
 * answered by the service worker from then on, with no round trip to the server.
 *
 * A reload that still reaches the server would loop; the reload guard (client/reload-guard.ts)
 * stops that and says why.
 */
import { connectHost, type HostConnection } from '../../client/host-connection.ts';
import { reloadUnlessLooping } from '../../client/reload-guard.ts';
import { deployDecision } from '../deploy-decision.ts';
import { checkReturnPath } from '../return-path.ts';
import { APP_LISTING_PATH, REDEPLOY_PATH, UP_EVENTS_PATH, type AppListing } from '../up-protocol.ts';

const RELOADED = 'swerve-up:reloaded';
const status = document.getElementById('status')!;

function show(text: string, state: 'working' | 'error' | 'stuck'): void {
  status.textContent = text;
  document.body.dataset['swerve'] = state;
}

async function fetchListing(): Promise<AppListing> {
  const response = await fetch(APP_LISTING_PATH, { cache: 'no-store' });
  // The server answers with the manifest's error message when the app folder is broken.
  if (!response.ok) throw new Error(await response.text());
  return (await response.json()) as AppListing;
}

/** Deploys the listed app at `/`, replacing any other app `swerve up` deployed on this origin. */
async function deploy(host: HostConnection, listing: AppListing, forced: boolean): Promise<void> {
  const versionKey = `swerve-up:version:${listing.name}`;
  const decision = deployDecision(listing, await host.apps(), localStorage.getItem(versionKey), forced);
  for (const name of decision.remove) await host.remove(name);
  if (!decision.deploy) return;
  show(`Deploying ${listing.name}…`, 'working');
  const { manifest, files, keyValues, ...options } = listing;
  const { warnings } = await host.deploy({
    ...options,
    manifest: new URL(manifest, location.origin),
    files: Object.fromEntries(
      Object.entries(files).map(([key, path]) => [key, new URL(path, location.origin)]),
    ),
    mount: '/',
    keyValues: { default: keyValues },
  });
  for (const warning of warnings) console.warn(`[swerve] ${warning}`);
  localStorage.setItem(versionKey, listing.version);
}

/** Tells the `swerve up` terminal what failed here (a deploy error), as the worker tells it the rest. */
function reportToTerminal(message: string): void {
  const record = { id: 0, at: Date.now(), level: 'error', source: 'host', message };
  // JSON, as the server requires of this endpoint: another site's page cannot send that unasked.
  void fetch(UP_EVENTS_PATH, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify([{ type: 'log', record }]),
  }).catch(() => undefined);
}

try {
  const host = await connectHost();
  const forced = location.pathname === REDEPLOY_PATH;
  // The server refuses a bad ?to= before this page loads; checked here too, before it is followed.
  const back = forced ? checkReturnPath(new URLSearchParams(location.search).get('to')) : undefined;
  if (back && !back.ok) throw new Error(back.problem);
  await deploy(host, await fetchListing(), forced);
  if (back?.ok) {
    location.replace(back.path);
  } else if (reloadUnlessLooping(RELOADED) === 'stuck') {
    show(
      'The Swerve host is installed but did not answer this URL. Reload the page; if this persists, ' +
        'check the service worker console.',
      'stuck',
    );
  }
} catch (error) {
  console.error(error);
  const message = error instanceof Error ? error.message : String(error);
  show(message, 'error');
  reportToTerminal(message);
}
