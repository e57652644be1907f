/**
 * A playground project is a Spin app: a spin.toml and the files beside it. Text files are kept
 * as text (edited in the browser); binary files (components, images) by the hash of their bytes,
 * which live once in a store of their own (project-db.ts), so saving a keystroke never rewrites
 * a 12 MiB component.
 */

import type { RequestSpec } from '../request/request-spec.ts';
import type { Answer } from '../request/answer.ts';

export const MANIFEST_PATH = 'spin.toml';

export type ProjectFile =
  { path: string; kind: 'text'; text: string } | { path: string; kind: 'binary'; hash: string; size: number };

export interface Project {
  id: string;
  name: string;
  /** The app key: the project runs at `http://<key>.<site host>` (docs/decisions/0007). */
  key: string;
  /** The ProjectSource it came from (a template id, `upload-wasm`, `import-zip`…). */
  source: string;
  files: ProjectFile[];
  /** Values for the manifest's `[variables]`, by name. */
  variables: Record<string, string>;
  /** Deploy on every edit (debounced), or only on Ctrl/Cmd-Enter. */
  runOnEdit: boolean;
  /**
   * Re-send the console's request after each successful deploy (only ever a GET). Absent: on.
   * Off for handlers whose GETs have side effects.
   */
  resendOnDeploy?: boolean;
  /** The request being composed in the console, and the last ones sent (newest first). */
  request: RequestSpec;
  history: RequestSpec[];
  /** The file open in the editor, reopened with the project. */
  openPath?: string;
  /** The answer on screen, shown again when the project reopens (keptAnswer). */
  lastAnswer?: Answer;
  createdAt: number;
  updatedAt: number;
}

/** Reads a project's binary file: its bytes live in a store of their own (project-db.ts). */
export type BytesOf = (file: Extract<ProjectFile, { kind: 'binary' }>) => Promise<Uint8Array>;

/** A project's files as a source creates them: text, or bytes not yet stored. */
export type DraftFile =
  | { path: string; text: string }
  | { path: string; bytes: Uint8Array }
  /** The site's runner, by reference: its bytes are fetched from the site when needed (site-runner.ts). */
  | { path: string; siteRunner: { sha256: string; size: number } };

export interface ProjectDraft {
  name: string;
  files: DraftFile[];
  variables?: Record<string, string>;
  /** The file to open first (the handler of a JavaScript template); spin.toml by default. */
  open?: string;
  /**
   * `false` for a template whose GET changes data (a counter): the project starts with re-send on
   * deploy off, so a deploy does not count a visit nobody made.
   */
  resendOnDeploy?: false;
}

/** Paths sorted the way a file tree shows them: spin.toml first, then folders before files. */
export function sortPaths(paths: string[]): string[] {
  const rank = (path: string) => (path === MANIFEST_PATH ? 0 : 1);
  return [...paths].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

/** `a/./b`, `/a`, `a\\b` → `a/b`; undefined for paths that leave the project (`../x`) or are empty. */
export function normalisePath(path: string): string | undefined {
  const parts: string[] = [];
  for (const part of path.replace(/\\/g, '/').split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') return undefined;
    parts.push(part);
  }
  return parts.length ? parts.join('/') : undefined;
}

/** The manifest text of a project ('' when it has none). */
export function manifestOf(project: Pick<Project, 'files'>): string {
  const file = project.files.find((f) => f.path === MANIFEST_PATH);
  return file?.kind === 'text' ? file.text : '';
}
