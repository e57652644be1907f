/**
 * `swerve watch`'s loop: file-system watches over the app folder; after each burst of changes
 * (debounced) it rebuilds the components whose watch globs matched (cli/watch-plan.ts), re-reads
 * the folder and publishes its version, which the app's open tabs follow (cli/version-feed.ts).
 * A failed build or a broken manifest is printed and the last good version keeps serving, as
 * under `spin watch`; the next change tries again.
 *
 * What is watched: the app folder itself, each folder in it except dependency and build folders
 * (`NEVER_WATCHED`: recursive watches over node_modules cost thousands of watches), and the
 * folder of every file the app deploys (a component's .wasm under `target/` included).
 */
import { watch, type FSWatcher } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { SwerveError } from '../errors.ts';
import type { AppFolder } from './app-folder.ts';
import { buildApp } from './build-app.ts';
import type { VersionFeed } from './version-feed.ts';
import {
  componentsToRebuild,
  NEVER_WATCHED,
  watchedComponents,
  type WatchedComponent,
} from './watch-plan.ts';

export interface FolderWatcherOptions {
  folder: AppFolder;
  feed: VersionFeed;
  debounceMs: number;
  skipBuild: boolean;
  out: (line: string) => void;
  err: (line: string) => void;
}

export class FolderWatcher {
  readonly #options: FolderWatcherOptions;
  readonly #watchers = new Map<string, FSWatcher>();
  #components: WatchedComponent[] = [];
  readonly #toBuild = new Set<string>();
  #timer: ReturnType<typeof setTimeout> | undefined;
  #cycle: Promise<void> | undefined;
  #again = false;
  #closed = false;

  constructor(options: FolderWatcherOptions) {
    this.#options = options;
  }

  async start(): Promise<void> {
    await this.#plan();
  }

  /** Resolves once the changes seen so far are built and published (for tests and shutdown). */
  async settled(): Promise<void> {
    while (this.#timer || this.#cycle) {
      await (this.#cycle ?? new Promise((resolve) => setTimeout(resolve, this.#options.debounceMs + 10)));
    }
  }

  close(): void {
    this.#closed = true;
    clearTimeout(this.#timer);
    for (const watcher of this.#watchers.values()) watcher.close();
    this.#watchers.clear();
  }

  get #dir(): string {
    return this.#options.folder.app.dir;
  }

  /** Watches what the current manifest needs; keeps the watches it already has. */
  async #plan(): Promise<void> {
    const { folder } = this.#options;
    this.#components = watchedComponents(folder.app.manifest, this.#dir);
    const wanted = new Map<string, boolean>([[this.#dir, false]]);
    const entries = await readdir(this.#dir, { withFileTypes: true }).catch(() => []);
    for (const entry of entries)
      if (entry.isDirectory() && !NEVER_WATCHED.has(entry.name))
        wanted.set(join(this.#dir, entry.name), true);
    for (const path of folder.app.served.values()) {
      const dir = dirname(path);
      const top = relative(this.#dir, dir).split(sep)[0] ?? '';
      if (!wanted.get(join(this.#dir, top))) wanted.set(dir, false);
    }
    for (const component of this.#components)
      if (!wanted.has(component.workdir)) wanted.set(component.workdir, true);
    for (const [key, watcher] of this.#watchers) {
      if (!wanted.has(key.slice(2))) {
        watcher.close();
        this.#watchers.delete(key);
      }
    }
    for (const [dir, recursive] of wanted) {
      const key = `${recursive ? 'r' : 'f'}:${dir}`;
      if (this.#watchers.has(key)) continue;
      try {
        const watcher = watch(dir, { recursive }, (_event, name) => {
          if (name) this.#changed(join(dir, name.toString()));
        });
        watcher.on('error', () => undefined);
        this.#watchers.set(key, watcher);
      } catch {
        // A folder that vanished between reading and watching: the next plan sees it or not.
      }
    }
  }

  #changed(path: string): void {
    if (this.#closed) return;
    if (!this.#options.skipBuild)
      for (const id of componentsToRebuild(this.#components, path)) this.#toBuild.add(id);
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#run();
    }, this.#options.debounceMs);
  }

  #run(): void {
    if (this.#cycle) {
      this.#again = true;
      return;
    }
    this.#cycle = this.#rebuildAndPublish().finally(() => {
      this.#cycle = undefined;
      if (this.#again && !this.#closed) {
        this.#again = false;
        this.#run();
      }
    });
  }

  async #rebuildAndPublish(): Promise<void> {
    const { folder, feed, out, err } = this.#options;
    const ids = new Set(this.#toBuild);
    this.#toBuild.clear();
    if (ids.size) {
      try {
        await buildApp(folder.app.manifest, this.#dir, out, ids);
      } catch (error) {
        err(error instanceof SwerveError ? error.message : String(error));
        err('The last good version keeps serving; the next change builds again.');
        return;
      }
    }
    try {
      const before = feed.version;
      const listing = await folder.refresh();
      feed.publish(listing.version);
      if (listing.version !== before) out(`${listing.name} has a new version: open tabs reload with it.`);
    } catch (error) {
      err(error instanceof Error ? error.message : String(error));
      return;
    }
    await this.#plan();
  }
}
