/**
 * Components `swerve up` transpiles in Node, so a first visit only downloads and compiles them.
 *
 * A deploy from a page normally sends the component's bytes and the browser transpiles them
 * (jco's generator, about a second for 12 MB, then the deadline and memory-image rewrite): for
 * every new browser profile. `swerve up` has Node and the same generator at hand, so it does
 * that once per content hash and host build, keeps the result on disk
 * (`node_modules/.cache/swerve/prepared/`), and serves it under `/_swerve/components/up/`, with
 * the immutable caching of the site's own components. The listing names these artifacts
 * (`AppListing.prepared`) and the bootstrap page deploys them by URL (`DeployRequest.prepared`),
 * which the host accepts only from its own origin's `/_swerve/` paths: the server's files, never
 * an app's.
 *
 * A core module (componentized in the browser) and a component the host's import check refuses
 * are not prepared: the browser's own deploy path reports what is wrong with them, in its words
 * (and `swerve up` checks them at start). What only transpiling shows (a WASI 0.3 guest with a
 * blocking `stream.write`, a component jco cannot transpile) fails `prepare` with the message the
 * browser would give, so `swerve up` says it at start and exits, rather than the first visit.
 */
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SwerveError } from '../errors.ts';
import { checkHostCompatibility } from '../component/host-compatibility.ts';
import { transpileComponent } from '../component/transpile-component.ts';
import type { AppManifest } from '../manifest/index.ts';
import { COMPONENTS_PATH } from '../protocol/paths.ts';
import type { PreparedComponent } from '../protocol/deploy.ts';
import type { FileHasher } from './app-version.ts';
import type { LoadedApp } from './load-app.ts';

/** Where prepared components are served. */
export const PREPARED_PATH = `${COMPONENTS_PATH}up/`;

const COMPLETE = '.complete';
/** Present beside the artifacts of a WASI 0.3 component. */
const WASI_P3 = '.wasi-p3';

/**
 * A deploy's files (deploy key → anything) without the sources of the `prepared` components,
 * which are deployed by the URLs of their transpiled form instead.
 */
export function withoutPreparedSources<T>(
  files: Record<string, T>,
  manifest: AppManifest,
  prepared: Record<string, PreparedComponent>,
): Record<string, T> {
  const sources = new Set(
    Object.keys(prepared).flatMap((id) => {
      const source = manifest.components[id]?.source;
      return source?.kind === 'local' ? [source.path] : [];
    }),
  );
  return Object.fromEntries(Object.entries(files).filter(([key]) => !sources.has(key)));
}

export class PreparedComponents {
  /** Cache key → what it serves. */
  readonly #known = new Map<string, PreparedComponent>();
  /** Cache key → why it cannot be transpiled (asked again on every listing: not retried). */
  readonly #failed = new Map<string, SwerveError>();

  constructor(
    private readonly cacheDir: string,
    private readonly hostBuild: string,
    private readonly hasher: FileHasher,
  ) {}

  /** The file behind a URL path under PREPARED_PATH, if it is one. */
  file(urlPath: string): string | undefined {
    const [key, name, ...rest] = urlPath.slice(PREPARED_PATH.length).split('/');
    if (!key || !name || rest.length || !this.#known.has(key)) return undefined;
    return /^[\w.-]+$/.test(name) && !name.startsWith('.') ? join(this.cacheDir, key, name) : undefined;
  }

  /**
   * Component id → its prepared artifacts, for every component of `app` that can be prepared.
   * `log` hears how long a new preparation took.
   * @throws SwerveError (`component-invalid`) for a component only transpiling shows is bad.
   */
  async prepare(
    app: Pick<LoadedApp, 'name' | 'manifest' | 'served' | 'deployFiles'>,
    log: (line: string) => void,
  ): Promise<Record<string, PreparedComponent>> {
    const prepared: Record<string, PreparedComponent> = {};
    for (const component of Object.values(app.manifest.components)) {
      if (component.source.kind !== 'local') continue;
      const path = app.served.get(app.deployFiles.get(component.source.path) ?? '');
      if (!path) continue;
      const key = `${(await this.hasher.hash(path)).slice(0, 24)}-${this.hostBuild}`;
      const failure = this.#failed.get(key);
      if (failure) throw failure;
      const ready =
        this.#known.get(key) ??
        (await this.#fromDisk(key)) ??
        (await this.#build(key, path, `${app.name}/${component.id}`, log));
      if (ready) prepared[component.id] = ready;
    }
    return prepared;
  }

  async #fromDisk(key: string): Promise<PreparedComponent | undefined> {
    const dir = join(this.cacheDir, key);
    if (!(await stat(join(dir, COMPLETE)).catch(() => undefined))) return undefined;
    return this.#remember(key, await readdir(dir));
  }

  async #build(
    key: string,
    path: string,
    label: string,
    log: (line: string) => void,
  ): Promise<PreparedComponent | undefined> {
    const bytes = new Uint8Array(await readFile(path));
    // Layer 0: a core module, componentized by the browser before it deploys.
    if (bytes[6] === 0 && bytes[7] === 0) return undefined;
    const started = performance.now();
    let wasiP3;
    try {
      ({ wasiP3 } = checkHostCompatibility(bytes, label));
    } catch {
      return undefined;
    }
    let transpiled;
    try {
      transpiled = await transpileComponent(bytes, label);
    } catch (error) {
      if (!(error instanceof SwerveError)) throw error;
      this.#failed.set(key, error);
      throw error;
    }
    const dir = join(this.cacheDir, key);
    const temporary = `${dir}.tmp-${process.pid}`;
    await rm(temporary, { recursive: true, force: true });
    await mkdir(temporary, { recursive: true });
    await writeFile(join(temporary, 'component.js'), transpiled.glue);
    for (const [name, module] of Object.entries(transpiled.coreModules))
      await writeFile(join(temporary, name), module);
    if (wasiP3) await writeFile(join(temporary, WASI_P3), '');
    await writeFile(join(temporary, COMPLETE), '');
    await rename(temporary, dir).catch(async () => rm(temporary, { recursive: true, force: true }));
    log(
      `Transpiled ${label} for the browser in ${((performance.now() - started) / 1000).toFixed(1)} s (kept for later starts).`,
    );
    return this.#remember(key, await readdir(dir));
  }

  #remember(key: string, names: string[]): PreparedComponent {
    const base = `${PREPARED_PATH}${key}/`;
    const coreModules = Object.fromEntries(
      names.filter((name) => name.endsWith('.wasm')).map((name) => [name, `${base}${name}`]),
    );
    const prepared: PreparedComponent = {
      version: `up-${key}`,
      glue: `${base}component.js`,
      coreModules,
      ...(names.includes(WASI_P3) ? { wasiP3: true as const } : {}),
    };
    this.#known.set(key, prepared);
    return prepared;
  }
}
