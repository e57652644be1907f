/**
 * Projects with changes not yet in IndexedDB when the page goes (a reload right after an edit):
 * an IndexedDB write started as the page unloads may never finish, a `localStorage` write is
 * done when `setItem` returns. The next load takes back the copies newer than what IndexedDB has.
 */
import type { Project } from './project.ts';

const UNSAVED_KEY = 'swerve-playground:unsaved';

/** Keeps copies of `projects` (plain data) until `forgetUnsaved`; none when storage refuses them. */
export function keepUnsaved(projects: Project[]): void {
  if (!projects.length) return;
  try {
    localStorage.setItem(UNSAVED_KEY, JSON.stringify(projects));
  } catch {
    // Over the quota (a project of large text files): the IndexedDB write is all there is.
  }
}

/** Called once IndexedDB holds everything: the copies would only be older. */
export function forgetUnsaved(): void {
  localStorage.removeItem(UNSAVED_KEY);
}

/**
 * The kept copies that are newer than the stored project of the same id. A copy of a project no
 * longer stored is not taken back: it was deleted (maybe in another tab) since.
 */
export function newerUnsaved(stored: readonly Project[]): Project[] {
  let kept: unknown;
  try {
    kept = JSON.parse(localStorage.getItem(UNSAVED_KEY) ?? '[]');
  } catch {
    return [];
  }
  if (!Array.isArray(kept)) return [];
  return (kept as Project[]).filter((copy) => {
    const current = stored.find((project) => project.id === copy?.id);
    return current !== undefined && typeof copy.updatedAt === 'number' && copy.updatedAt > current.updatedAt;
  });
}
