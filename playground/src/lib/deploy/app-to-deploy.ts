/**
 * What every face of the playground deploys, in one shape: the editor's project, an embed's link
 * and the viewer's link all become an `AppToDeploy`, and one builder (`deployOptionsOf`) turns it
 * into the host's `DeployOptions`. Text goes as UTF-8, other bytes as read when deploying, and the
 * site's runner from its published, transpiled form where the site has one (so its 14 MiB stay
 * here); TypeScript runs as the JavaScript stripped from it, as in an exported zip.
 */
import type { DeployFile, DeployOptions } from 'swerve/client';
import { base64ToBytes } from '../bytes/base64.ts';
import { summariseManifest } from '../manifest/manifest-summary.ts';
import { MANIFEST_PATH, manifestOf, type BytesOf, type Project } from '../project/project.ts';
import type { SharedApp, SharedKvValue } from '../share/share-link.ts';
import { siteRunner } from '../share/site-runner.ts';
import { siteRunnerArtifacts, withSiteRunner } from './site-runner-artifacts.ts';

/** One file of an app: its text, or its bytes when a deploy needs them. */
export type FileToDeploy =
  | { path: string; text: string }
  | {
      path: string;
      bytes: () => Promise<DeployFile>;
      /** This is the site's runner (a link names it). */
      siteRunner?: boolean;
      /** The bytes' SHA-256 and size, when known: a project's copy of the runner is recognised by them. */
      hash?: string;
      size?: number;
    };

/**
 * Data an app starts with at a fresh origin: key-value entries by store, SQL by database. They
 * are written once, with the first deploy that serves at an origin where nothing was deployed
 * yet (AppSession): reopening or editing an app never writes over the data it has made since.
 */
export interface AppSeeds {
  kv?: Record<string, Record<string, SharedKvValue>>;
  sqlite?: Record<string, string>;
}

export interface AppToDeploy {
  manifest: string;
  /** Every file but the manifest. */
  files: FileToDeploy[];
  /** Values for the manifest's variables; an empty value is left out (the manifest's default applies). */
  variables: Record<string, string>;
  seeds?: AppSeeds;
}

export interface DeployChoices {
  /** The name to deploy under, over the manifest's (a deployed app keeps its name, and its data). */
  name?: string;
  /** The JavaScript stripped from the app's TypeScript, at its output paths. */
  outputs?: readonly { path: string; text: string }[];
  /** Run the app's SQLite seed with this deploy. */
  seedSqlite?: boolean;
}

/** A playground project as an app to deploy; `bytesOf` reads a binary file's stored bytes. */
export function projectToDeploy(project: Project, bytesOf: BytesOf): AppToDeploy {
  return {
    manifest: manifestOf(project),
    files: project.files
      .filter((file) => file.path !== MANIFEST_PATH)
      .map((file) =>
        file.kind === 'text'
          ? { path: file.path, text: file.text }
          : { path: file.path, bytes: () => bytesOf(file), hash: file.hash, size: file.size },
      ),
    variables: project.variables,
  };
}

/**
 * A shared app (a link) as an app to deploy, with `secrets` as its secret variables' values (links
 * never carry them). `runnerFile` gives the site's runner (its bytes or URL), asked only when the
 * site publishes no transpiled runner.
 */
export function sharedToDeploy(
  app: SharedApp,
  runnerFile: () => Promise<DeployFile>,
  secrets: Record<string, string> = {},
): AppToDeploy {
  const manifest = app.files[MANIFEST_PATH];
  if (typeof manifest !== 'string')
    throw new Error(`This app has no ${MANIFEST_PATH} as text: a shared app needs its Spin manifest to run.`);
  const files: FileToDeploy[] = [];
  for (const [path, file] of Object.entries(app.files)) {
    if (path === MANIFEST_PATH) continue;
    if (typeof file === 'string') files.push({ path, text: file });
    else if ('base64' in file) {
      const bytes = base64ToBytes(file.base64);
      files.push({ path, bytes: async () => bytes });
    } else files.push({ path, bytes: runnerFile, siteRunner: true });
  }
  return {
    manifest,
    files,
    variables: { ...app.variables, ...secrets },
    seeds: { ...(app.kv ? { kv: app.kv } : {}), ...(app.sqlite ? { sqlite: app.sqlite } : {}) },
  };
}

/** Whether `file` is the site's runner: named so, or a project's copy of it (same size, same hash). */
async function isSiteRunner(file: Extract<FileToDeploy, { bytes: unknown }>): Promise<boolean> {
  if (file.siteRunner) return true;
  if (file.hash === undefined) return false;
  // The size first: recognising the runner costs nothing for files that cannot be it.
  const published = await siteRunnerArtifacts();
  return !!published && file.size === published.componentBytes && file.hash === (await siteRunner()).hash;
}

/** `app` as the host deploys it. */
export async function deployOptionsOf(app: AppToDeploy, choices: DeployChoices = {}): Promise<DeployOptions> {
  const files: Record<string, DeployFile> = {};
  const runners = new Map<string, () => Promise<DeployFile>>();
  for (const file of app.files) {
    if ('text' in file) files[file.path] = new TextEncoder().encode(file.text);
    else if (await isSiteRunner(file)) runners.set(file.path, file.bytes);
    else files[file.path] = await file.bytes();
  }
  for (const output of choices.outputs ?? []) files[output.path] = new TextEncoder().encode(output.text);
  // The stores the manifest names and those the seed fills; `default` is always there.
  const stores = new Set([
    ...(summariseManifest(app.manifest)?.keyValueStores ?? []),
    ...Object.keys(app.seeds?.kv ?? {}),
  ]);
  stores.delete('default');
  const sqlite = choices.seedSqlite ? Object.entries(app.seeds?.sqlite ?? {}) : [];
  return withSiteRunner(
    {
      manifest: app.manifest,
      // Once deployed, an app keeps its name (and with it its data): a renamed `[application] name`
      // replaces the version serving rather than clashing with it at `/`.
      ...(choices.name ? { name: choices.name } : {}),
      manifestFile: MANIFEST_PATH,
      files,
      variables: Object.fromEntries(Object.entries(app.variables).filter(([, value]) => value !== '')),
      keyValueStores: [...stores],
      ...(sqlite.length
        ? { sqlite: sqlite.map(([label, sql]) => ({ sql, file: 'the share link', label })) }
        : {}),
    },
    [...runners.keys()],
    (path) => runners.get(path)!(),
  );
}
