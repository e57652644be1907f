/**
 * "Open in playground": a copy of the shared app as a new project of the playground's own. The
 * viewer is at the site's origin, as the playground is, so it writes to the same IndexedDB
 * (lib/project/project-db.ts) through the same Workspace, then goes to the playground, which
 * opens the project it made last. The copy runs at a fresh origin of its own, not the link's.
 */
import type { SharedApp } from '../lib/share/share-link.ts';
import { sharedAppToDraft, type SiteRunner } from '../lib/share/shared-app.ts';
import { Workspace } from '../lib/state/Workspace.svelte.ts';
import type { FirstAnswer } from '../lib/share/open-shared-app.ts';
import { showBody } from '../lib/request/response-body.ts';

export const SHARED_SOURCE_ID = 'share-link';

/**
 * `answer`, the link's answer on screen, goes with the copy: the playground shows it (from before
 * the copy ran) until the copy's own deploy answers.
 */
export async function openInPlayground(
  app: SharedApp,
  runner: SiteRunner,
  answer: FirstAnswer | undefined,
): Promise<void> {
  const workspace = new Workspace();
  await workspace.load();
  const project = await workspace.create(await sharedAppToDraft(app, runner), SHARED_SOURCE_ID);
  if (app.request) {
    const { method, path, headers = '', body = '' } = app.request;
    workspace.setRequest({ method, path, headers, body });
  }
  if (answer) {
    workspace.keepAnswer({
      request: workspace.current?.request ?? project.request,
      status: answer.status,
      statusText: answer.statusText,
      headers: answer.contentType ? [['content-type', answer.contentType]] : [],
      body: showBody(answer.contentType, answer.bytes, answer.truncated),
      ms: 0,
      at: Date.now(),
      version: 0,
      edits: 0,
      resent: false,
    });
  }
  await workspace.saveNow();
  location.assign('/playground/');
}
