/**
 * The playground's projects and the one being edited: the state the editor, the file tree and
 * the project list write to. Every change is saved to IndexedDB shortly after it is made (and at
 * once on Ctrl/Cmd-S); `revision` counts changes that affect what is deployed.
 */
import { randomAppKey } from 'swerve/client';
import { sha256Hex } from '../project/hash.ts';
import {
  collectBlobs,
  deleteProject,
  getBlob,
  loadProjects,
  putBlob,
  saveProject,
} from '../project/project-db.ts';
import {
  MANIFEST_PATH,
  sortPaths,
  type Project,
  type ProjectDraft,
  type ProjectFile,
} from '../project/project.ts';
import { hasBody, type RequestSpec } from '../request/request-spec.ts';
import { keptAnswer, type Answer } from '../request/answer.ts';
import { renameApplication } from '../manifest/rename-application.ts';
import { forgetUnsaved, keepUnsaved, newerUnsaved } from '../project/unsaved-projects.ts';
import { SITE_RUNNER_DIGEST, siteRunnerBytes } from '../share/site-runner.ts';

const SAVE_DELAY_MS = 250;
const UNDO_MS = 10_000;
const CURRENT_KEY = 'swerve-playground:current';

export const DEFAULT_REQUEST: RequestSpec = { method: 'GET', path: '/', headers: '', body: '' };

export class Workspace {
  projects = $state<Project[]>([]);
  currentId = $state<string | undefined>();
  #openPath = $state<string>(MANIFEST_PATH);
  loaded = $state(false);
  saveState = $state<'saved' | 'pending' | 'failed'>('saved');
  saveError = $state('');
  /** Changes to the current project's files or variables, which a run deploys. */
  revision = $state(0);
  /** The project just deleted, until its undo expires. */
  deleted = $state<Project | undefined>();

  current = $derived(this.projects.find((p) => p.id === this.currentId));

  /** The file open in the editor; the project keeps it, to reopen it after a reload. */
  get openPath(): string {
    return this.#openPath;
  }
  set openPath(path: string) {
    this.#openPath = path;
    const project = this.current;
    if (project && project.openPath !== path) {
      project.openPath = path;
      this.#touch(project, false);
    }
  }

  paths = $derived(this.current ? sortPaths(this.current.files.map((f) => f.path)) : []);
  openFile = $derived(this.current?.files.find((f) => f.path === this.openPath));

  // Bookkeeping, not state any view shows: plain collections on purpose.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  #dirty = new Set<string>();
  /** Projects whose IndexedDB write has started and not finished. */
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  #writing = new Set<string>();
  #saveTimer: ReturnType<typeof setTimeout> | undefined;
  #undoTimer: ReturnType<typeof setTimeout> | undefined;
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a cache of stored bytes, never shown
  #bytes = new Map<string, Uint8Array>();

  async load(): Promise<void> {
    const stored = await loadProjects();
    // Changes the last page kept as it went, before IndexedDB had them (flushPending).
    const unsaved = newerUnsaved(stored);
    // One that cannot be written now stays pending (and kept) for the next save to try again.
    for (const project of unsaved) await saveProject(project).catch(() => this.#dirty.add(project.id));
    this.projects = stored
      .map((project) => unsaved.find((copy) => copy.id === project.id) ?? project)
      .sort((a, b) => b.updatedAt - a.updatedAt);
    if (!this.#dirty.size) forgetUnsaved();
    else {
      this.saveState = 'pending';
      this.#saveTimer = setTimeout(() => void this.saveNow(), SAVE_DELAY_MS);
    }
    const last = localStorage.getItem(CURRENT_KEY);
    this.select(this.projects.find((p) => p.id === last)?.id ?? this.projects[0]?.id);
    this.loaded = true;
    void collectBlobs(this.projects);
  }

  select(id: string | undefined): void {
    this.currentId = id;
    if (id) localStorage.setItem(CURRENT_KEY, id);
    const project = this.current;
    const kept = project?.openPath;
    this.#openPath = kept && project.files.some((f) => f.path === kept) ? kept : MANIFEST_PATH;
  }

  /** Stores a new project made from `draft` and opens it. */
  async create(draft: ProjectDraft, source: string): Promise<Project> {
    const files: ProjectFile[] = [];
    for (const file of draft.files) {
      if ('text' in file) files.push({ path: file.path, kind: 'text', text: file.text });
      else if ('siteRunner' in file)
        files.push({
          path: file.path,
          kind: 'binary',
          hash: file.siteRunner.sha256,
          size: file.siteRunner.size,
        });
      else files.push(await this.#storeBytes(file.path, file.bytes));
    }
    const now = Date.now();
    const open = draft.open && files.some((f) => f.path === draft.open) ? draft.open : MANIFEST_PATH;
    const project: Project = {
      id: crypto.randomUUID(),
      name: this.#uniqueName(draft.name),
      key: randomAppKey(),
      source,
      files,
      variables: { ...(draft.variables ?? {}) },
      runOnEdit: true,
      ...(draft.resendOnDeploy === false ? { resendOnDeploy: false } : {}),
      request: { ...DEFAULT_REQUEST },
      history: [],
      openPath: open,
      createdAt: now,
      updatedAt: now,
    };
    await saveProject(project);
    this.projects = [project, ...this.projects];
    this.select(project.id);
    return project;
  }

  async duplicate(id: string): Promise<void> {
    const original = this.projects.find((p) => p.id === id);
    if (!original) return;
    const copy = $state.snapshot(original) as Project;
    const now = Date.now();
    // A copy runs at an origin of its own, with key-value stores of its own.
    const project = { ...copy, id: crypto.randomUUID(), key: randomAppKey(), createdAt: now, updatedAt: now };
    project.name = this.#uniqueName(`${original.name} copy`);
    // The copy answers for itself, at its own origin.
    delete project.lastAnswer;
    await saveProject(project);
    this.projects = [project, ...this.projects];
    this.select(project.id);
  }

  /** Renames the project, and its app (`[application] name`) when the name is one Spin takes. */
  rename(id: string, name: string): void {
    const project = this.projects.find((p) => p.id === id);
    if (!project || !name.trim()) return;
    project.name = name.trim();
    const manifest = project.files.find((f) => f.path === MANIFEST_PATH);
    const renamed = manifest?.kind === 'text' ? renameApplication(manifest.text, project.name) : undefined;
    if (manifest?.kind === 'text' && renamed !== undefined) manifest.text = renamed;
    this.#touch(project, renamed !== undefined);
  }

  async remove(id: string): Promise<void> {
    const project = this.projects.find((p) => p.id === id);
    if (!project) return;
    this.#dirty.delete(id);
    await deleteProject(id);
    this.deleted = $state.snapshot(project) as Project;
    this.projects = this.projects.filter((p) => p.id !== id);
    if (this.currentId === id) this.select(this.projects[0]?.id);
    clearTimeout(this.#undoTimer);
    this.#undoTimer = setTimeout(() => (this.deleted = undefined), UNDO_MS);
  }

  async undoRemove(): Promise<void> {
    const project = this.deleted;
    if (!project) return;
    this.deleted = undefined;
    await saveProject(project);
    this.projects = [project, ...this.projects];
    this.select(project.id);
  }

  setText(path: string, text: string): void {
    const file = this.current?.files.find((f) => f.path === path);
    if (file?.kind !== 'text' || file.text === text) return;
    file.text = text;
    this.#touch(this.current!, true);
  }

  async addFile(path: string, content: string | Uint8Array): Promise<void> {
    const project = this.current;
    if (!project) return;
    const file: ProjectFile =
      typeof content === 'string'
        ? { path, kind: 'text', text: content }
        : await this.#storeBytes(path, content);
    project.files = [...project.files.filter((f) => f.path !== path), file];
    if (file.kind === 'text') this.openPath = path;
    this.#touch(project, true);
  }

  deleteFile(path: string): void {
    const project = this.current;
    if (!project || path === MANIFEST_PATH) return;
    project.files = project.files.filter((f) => f.path !== path);
    if (this.openPath === path) this.openPath = MANIFEST_PATH;
    this.#touch(project, true);
  }

  setVariable(name: string, value: string): void {
    const project = this.current;
    if (!project || (project.variables[name] ?? '') === value) return;
    project.variables[name] = value;
    this.#touch(project, true);
  }

  setRunOnEdit(on: boolean): void {
    if (!this.current) return;
    this.current.runOnEdit = on;
    this.#touch(this.current, false);
  }

  setResendOnDeploy(on: boolean): void {
    if (!this.current) return;
    this.current.resendOnDeploy = on;
    this.#touch(this.current, false);
  }

  setRequest(spec: RequestSpec): void {
    if (!this.current) return;
    this.current.request = spec;
    this.#touch(this.current, false);
  }

  /** Keeps the answer on screen with the project, to show it again when the project reopens. */
  keepAnswer(answer: Answer): void {
    const project = this.current;
    if (!project || project.lastAnswer?.at === answer.at) return;
    project.lastAnswer = keptAnswer(answer);
    this.#touch(project, false);
  }

  /**
   * Puts a sent request at the top of the history (once), keeping the last 30. A GET or HEAD
   * keeps no body: none was sent, and a leftover one would come back with the entry.
   */
  remember(sent: RequestSpec): void {
    const project = this.current;
    if (!project) return;
    const spec = hasBody(sent.method) ? sent : { ...sent, body: '' };
    const same = (s: RequestSpec) => JSON.stringify(s) === JSON.stringify(spec);
    project.history = [{ ...spec }, ...project.history.filter((s) => !same(s))].slice(0, 30);
    this.#touch(project, false);
  }

  /** The bytes of a binary file. */
  async bytes(file: Extract<ProjectFile, { kind: 'binary' }>): Promise<Uint8Array> {
    const cached = this.#bytes.get(file.hash);
    if (cached) return cached;
    // The site's runner is held by reference (a new JavaScript project does not wait for 14 MiB).
    const stored =
      (await getBlob(file.hash)) ??
      (file.hash === SITE_RUNNER_DIGEST?.sha256 ? await siteRunnerBytes() : undefined);
    if (!stored)
      throw new Error(`The bytes of ${file.path} are missing from this browser's storage; upload it again.`);
    this.#bytes.set(file.hash, stored);
    return stored;
  }

  /** Writes every pending change now (Ctrl/Cmd-S). */
  async saveNow(): Promise<void> {
    clearTimeout(this.#saveTimer);
    const ids = [...this.#dirty];
    this.#dirty.clear();
    for (const id of ids) this.#writing.add(id);
    const writes = ids.flatMap((id) => {
      const project = this.projects.find((p) => p.id === id);
      return project ? [saveProject($state.snapshot(project) as Project)] : [];
    });
    try {
      await Promise.all(writes);
      for (const id of ids) this.#writing.delete(id);
      if (!this.#dirty.size && !this.#writing.size) forgetUnsaved();
      this.saveState = this.#dirty.size ? 'pending' : 'saved';
    } catch (error) {
      ids.forEach((id) => (this.#writing.delete(id), this.#dirty.add(id)));
      this.saveState = 'failed';
      this.saveError = error instanceof Error ? error.message : String(error);
    }
  }

  /**
   * Writes pending changes at once, as the page is hidden or goes: a reload within
   * SAVE_DELAY_MS of an edit would lose it otherwise. The page may be gone before IndexedDB
   * has them, so the projects not yet written are also kept synchronously (unsaved-projects.ts).
   */
  flushPending(): void {
    const unsaved = this.projects
      .filter((p) => this.#dirty.has(p.id) || this.#writing.has(p.id))
      .map((p) => $state.snapshot(p) as Project);
    keepUnsaved(unsaved);
    if (this.#dirty.size) void this.saveNow();
  }

  #touch(project: Project, deployed: boolean): void {
    project.updatedAt = Date.now();
    this.#dirty.add(project.id);
    this.saveState = 'pending';
    if (deployed && project.id === this.currentId) this.revision++;
    clearTimeout(this.#saveTimer);
    this.#saveTimer = setTimeout(() => void this.saveNow(), SAVE_DELAY_MS);
  }

  async #storeBytes(path: string, bytes: Uint8Array): Promise<ProjectFile> {
    const hash = await sha256Hex(bytes);
    await putBlob(hash, bytes);
    this.#bytes.set(hash, bytes);
    return { path, kind: 'binary', hash, size: bytes.length };
  }

  #uniqueName(name: string): string {
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a local, not state
    const taken = new Set(this.projects.map((p) => p.name));
    if (!taken.has(name)) return name;
    let n = 2;
    while (taken.has(`${name} ${n}`)) n++;
    return `${name} ${n}`;
  }
}
