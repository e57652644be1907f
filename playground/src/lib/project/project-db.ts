/**
 * Where projects live: IndexedDB at the site's origin (the playground's own; apps' data lives at
 * their origins). Projects in one database, binary files by content hash in another, so that a
 * save as you type writes a few kilobytes.
 */
import { createStore, del, entries, get, keys, set, type UseStore } from 'idb-keyval';
import type { Project } from './project.ts';

const projects: UseStore = createStore('swerve-playground-projects', 'projects');
const blobs: UseStore = createStore('swerve-playground-blobs', 'blobs');

export async function loadProjects(): Promise<Project[]> {
  const all = (await entries<string, Project>(projects)).map(([, project]) => project);
  return all.sort((a, b) => b.updatedAt - a.updatedAt);
}

/** Saves `project`, which must be plain data (a `$state.snapshot`, not a proxy). */
export async function saveProject(project: Project): Promise<void> {
  await set(project.id, project, projects);
}

export async function deleteProject(id: string): Promise<void> {
  await del(id, projects);
}

export async function putBlob(hash: string, bytes: Uint8Array): Promise<void> {
  if ((await get(hash, blobs)) === undefined) await set(hash, bytes, blobs);
}

export async function getBlob(hash: string): Promise<Uint8Array | undefined> {
  return get<Uint8Array>(hash, blobs);
}

/** Removes the stored bytes no project refers to any more. */
export async function collectBlobs(live: Project[]): Promise<void> {
  const used = new Set(live.flatMap((p) => p.files.flatMap((f) => (f.kind === 'binary' ? [f.hash] : []))));
  for (const hash of await keys<string>(blobs)) if (!used.has(hash)) await del(hash, blobs);
}
