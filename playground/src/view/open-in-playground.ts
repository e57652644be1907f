/**
 * "Open in playground": a copy of the shared app as a new project of the playground's own. The
 * viewer is at the site's origin, as the playground is, so it writes to the same IndexedDB
 * (lib/project/project-db.ts) through the same Workspace, then goes to the playground, which
 * opens the project it made last. The copy runs at a fresh origin of its own, not the link's.
 */
import type { SharedApp } from '../lib/share/share-link.ts';
import { sharedAppToDraft, type SiteRunner } from '../lib/share/shared-app.ts';
import { Workspace } from '../lib/state/Workspace.svelte.ts';

export const SHARED_SOURCE_ID = 'share-link';

export async function openInPlayground(app: SharedApp, runner: SiteRunner): Promise<void> {
  const workspace = new Workspace();
  await workspace.load();
  await workspace.create(await sharedAppToDraft(app, runner), SHARED_SOURCE_ID);
  if (app.request) {
    const { method, path, headers = '', body = '' } = app.request;
    workspace.setRequest({ method, path, headers, body });
    await workspace.saveNow();
  }
  location.assign('/playground/');
}
