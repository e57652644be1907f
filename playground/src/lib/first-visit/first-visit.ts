/**
 * A first visit opens on running code: a browser that has never had a project gets the starter
 * template made and opened, and the live loop's automatic GET / puts its answer on screen with
 * no click. The template gallery stays one click away (New project), never a dialog in the way.
 * Made once per browser: someone who deletes every project afterwards gets the empty page, not
 * the starter again.
 */
import type { Workspace } from '../state/Workspace.svelte.ts';
import { projectSource } from '../sources/project-source.ts';
import { STARTER_MADE_KEY } from './starter-made-key.ts';

/** The template a first visit opens: plain JavaScript, run by the site's published runner. */
export const STARTER_SOURCE = 'js:hello';

/**
 * Makes and opens the starter project when this browser has none and never had one. Resolves
 * false when it did not (projects exist, or the starter was made before); throws when making it
 * failed (the caller offers the gallery instead).
 */
export async function openStarterOnFirstVisit(workspace: Workspace): Promise<boolean> {
  if (workspace.projects.length || localStorage.getItem(STARTER_MADE_KEY)) return false;
  const source = projectSource(STARTER_SOURCE);
  if (!source) throw new Error(`The starter template ${STARTER_SOURCE} is not registered.`);
  await workspace.create(await source.create([]), source.id);
  localStorage.setItem(STARTER_MADE_KEY, '1');
  return true;
}
