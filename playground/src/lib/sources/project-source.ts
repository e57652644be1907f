/**
 * Where new projects come from. Every way of starting a project (a template, an uploaded
 * component, a folder, a zip) is a ProjectSource in one registry; the "New project" dialog lists
 * them and knows nothing of any in particular. A later kind of project (JavaScript handlers run
 * by the runner component) is one more `registerSource` call.
 */
import type { ProjectDraft } from '../project/project.ts';

/** What a source needs from the user before it can make a project. */
export type SourceInput =
  | { kind: 'none' }
  /** One or more files, chosen with a picker (`accept` as for <input type=file>) or dropped. */
  | { kind: 'files'; accept: string }
  /** A folder, chosen with a folder picker or dropped. */
  | { kind: 'folder' };

/** A file the user gave, with its path relative to what they chose. */
export interface GivenFile {
  path: string;
  bytes: Uint8Array;
}

export interface ProjectSource {
  /** Stable: projects remember which source they came from. */
  id: string;
  title: string;
  description: string;
  /** `template` sources are listed first, as starting points; `import` ones after. */
  group: 'template' | 'import';
  input: SourceInput;
  /** Makes the project's files. `given` holds what the user chose (empty for `none`). */
  create(given: GivenFile[]): Promise<ProjectDraft>;
}

const sources = new Map<string, ProjectSource>();

export function registerSource(source: ProjectSource): void {
  sources.set(source.id, source);
}

export function projectSources(): ProjectSource[] {
  return [...sources.values()];
}

export function projectSource(id: string): ProjectSource | undefined {
  return sources.get(id);
}
