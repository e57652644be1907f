/**
 * A playground project as a shared app (share-link.ts's `SharedApp`) and back: what goes into a
 * link, and what a viewer deploys or copies into the playground from one.
 *
 * - Text files travel as text; the site's own runner component (which JavaScript templates
 *   carry as `runner.wasm`) by name, recognised by its hash; other binaries as base64, when small.
 * - Secret variables (`[variables] x = { secret = true }`) never travel: the viewer asks for them.
 * - The app runs at the content-hash origin of its canonical form (`sharedAppKey`): the same
 *   app with the same first request always opens at the same origin, a different one never does.
 */
import { contentAppKey } from 'swerve/client';
import { summariseManifest } from '../manifest/manifest-summary.ts';
import { sha256Hex } from '../project/hash.ts';
import { MANIFEST_PATH, type DraftFile, type Project, type ProjectDraft } from '../project/project.ts';
import type { RequestSpec } from '../request/request-spec.ts';
import { base64ToBytes, bytesToBase64 } from '../bytes/base64.ts';
import { SITE_RUNNER_DIGEST } from './site-runner.ts';
import {
  TooBigForLinkError,
  type SharedApp,
  type SharedFile,
  type SharedKvValue,
  type SharedRequest,
} from './share-link.ts';

/**
 * The longest link the playground makes. Browsers take longer URLs (Chromium 2 MB), but a link
 * of more than 64 KB cannot be pasted into most chat apps, mail or documents, is slow to copy and
 * to decode, and is better shared as a file; the zip carries any app.
 */
export const MAX_LINK_CHARS = 64 * 1024;

/** Gzip does little for compiled bytes: larger binaries cannot fit a link, so are not even encoded. */
export const MAX_LINK_BINARY_BYTES = (MAX_LINK_CHARS * 3) / 4;

export { TooBigForLinkError };

/** The site's runner component: its bytes, and their SHA-256 in hex. */
export interface SiteRunner {
  hash: string;
  bytes(): Promise<Uint8Array>;
}

export interface ShareOptions {
  /** The bytes of a binary project file. */
  bytesOf(file: Extract<Project['files'][number], { kind: 'binary' }>): Promise<Uint8Array>;
  runner: Pick<SiteRunner, 'hash'>;
  /** The app's stores to seed the shared copy with (label → dump entries), if any. */
  kv?: Record<string, Record<string, SharedKvValue>>;
  /** The app's SQLite databases to seed the shared copy with (label → SQL statements), if any. */
  sqlite?: Record<string, string>;
  open?: string;
  request?: RequestSpec;
}

/** The names of the manifest's secret variables. */
export function secretVariables(manifest: string): string[] {
  return (summariseManifest(manifest)?.variables ?? []).filter((v) => v.secret).map((v) => v.name);
}

/** `project` as a shared app. Throws TooBigForLinkError for a binary too large for any link. */
export async function toSharedApp(project: Project, options: ShareOptions): Promise<SharedApp> {
  const files: Record<string, SharedFile> = {};
  for (const file of project.files) {
    if (file.kind === 'text') {
      files[file.path] = file.text;
    } else if (file.hash === options.runner.hash) {
      files[file.path] = { component: 'runner' };
    } else if (file.size > MAX_LINK_BINARY_BYTES) {
      throw new TooBigForLinkError(
        `${file.path} is ${file.size.toLocaleString('en')} bytes: binary files over ` +
          `${MAX_LINK_BINARY_BYTES.toLocaleString('en')} bytes cannot travel in a link.`,
      );
    } else {
      files[file.path] = { base64: bytesToBase64(await options.bytesOf(file)) };
    }
  }
  const manifest = files[MANIFEST_PATH];
  const secrets = new Set(typeof manifest === 'string' ? secretVariables(manifest) : []);
  const variables = Object.fromEntries(
    Object.entries(project.variables).filter(([name, value]) => value !== '' && !secrets.has(name)),
  );
  const kv = Object.fromEntries(
    Object.entries(options.kv ?? {}).filter(([, entries]) => Object.keys(entries).length),
  );
  const sqlite = Object.fromEntries(Object.entries(options.sqlite ?? {}).filter(([, sql]) => sql.trim()));
  const request = options.request ? sharedRequest(options.request) : undefined;
  return {
    name: project.name,
    files,
    ...(Object.keys(variables).length ? { variables } : {}),
    ...(Object.keys(kv).length ? { kv } : {}),
    ...(Object.keys(sqlite).length ? { sqlite } : {}),
    ...(options.open ? { open: options.open } : {}),
    ...(request ? { request } : {}),
  };
}

function sharedRequest(spec: RequestSpec): SharedRequest | undefined {
  if (spec.method === 'GET' && spec.path === '/' && !spec.headers && !spec.body) return undefined;
  return {
    method: spec.method,
    path: spec.path,
    ...(spec.headers ? { headers: spec.headers } : {}),
    ...(spec.body ? { body: spec.body } : {}),
  };
}

/** The bytes of a shared file, resolving the site's runner by name. */
export async function sharedFileBytes(file: SharedFile, runner: SiteRunner): Promise<Uint8Array> {
  if (typeof file === 'string') return new TextEncoder().encode(file);
  if ('base64' in file) return base64ToBytes(file.base64);
  return runner.bytes();
}

/** The manifest text of a shared app ('' when it has none as text). */
export function sharedManifest(app: SharedApp): string {
  const manifest = app.files[MANIFEST_PATH];
  return typeof manifest === 'string' ? manifest : '';
}

/** A playground project draft of a shared app: text stays text, bytes become bytes, the runner a reference. */
export async function sharedAppToDraft(app: SharedApp, runner: SiteRunner): Promise<ProjectDraft> {
  const files: DraftFile[] = [];
  for (const [path, file] of Object.entries(app.files)) {
    if (typeof file === 'string') files.push({ path, text: file });
    // The site's runner by reference, where the build knows its digest: the copy opens without
    // downloading it (Workspace fetches the bytes if they are ever needed).
    else if (!('base64' in file) && SITE_RUNNER_DIGEST?.sha256 === runner.hash)
      files.push({ path, siteRunner: SITE_RUNNER_DIGEST });
    else files.push({ path, bytes: await sharedFileBytes(file, runner) });
  }
  return {
    name: app.name,
    files,
    ...(app.variables ? { variables: { ...app.variables } } : {}),
    ...(app.open ? { open: app.open } : {}),
  };
}

/** JSON with object keys sorted at every level, so equal apps give equal text. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The first request as the content key counts it: absent when it is the default `GET /`. */
function keyedRequest(request: SharedRequest | undefined): SharedRequest | undefined {
  if (!request) return undefined;
  const { method, path, headers, body } = request;
  if (method === 'GET' && path === '/' && !headers && !body) return undefined;
  return { method, path, ...(headers ? { headers } : {}), ...(body ? { body } : {}) };
}

/**
 * The canonical form of what a link opens: the app's name, files, variables, key-value and SQLite seeds,
 * and its first request unless that is the default `GET /`. The request counts because the
 * viewer sends it to the app's copy at this origin: were it left out, a link could carry a known
 * app with a request of its choosing (a POST that deletes, say) to the copy and the data a visitor
 * already has of that app. With it, such a link opens a copy of its own. The file to open is only
 * how the app is shown, so it is left out. (A default request is left out, rather than written
 * as `GET /`, so that links made before it counted keep their origin and their data.)
 */
export function canonicalSharedApp(app: SharedApp): Uint8Array {
  const { name, files, variables, kv, sqlite } = app;
  const request = keyedRequest(app.request);
  return new TextEncoder().encode(canonicalJson({ name, files, variables, kv, sqlite, request }));
}

/** The app key a shared app runs at: a content hash (`h…`), the same for the same app. */
export function sharedAppKey(app: SharedApp): Promise<string> {
  return contentAppKey(canonicalSharedApp(app));
}

/** A shared app made from an app's files (a dropped or fetched zip), with the runner recognised. */
export async function sharedAppFromFiles(
  name: string,
  entries: { path: string; text?: string; bytes?: Uint8Array }[],
  runner: Pick<SiteRunner, 'hash'>,
): Promise<SharedApp> {
  const files: Record<string, SharedFile> = {};
  for (const entry of entries) {
    if (entry.text !== undefined) files[entry.path] = entry.text;
    else if (entry.bytes)
      files[entry.path] =
        (await sha256Hex(entry.bytes)) === runner.hash
          ? { component: 'runner' }
          : { base64: bytesToBase64(entry.bytes) };
  }
  return { name, files };
}

/** The app's text files, which a code view shows, manifest last. */
export function textFiles(app: SharedApp): string[] {
  const paths = Object.keys(app.files).filter((path) => typeof app.files[path] === 'string');
  return [...paths.filter((p) => p !== MANIFEST_PATH).sort(), ...paths.filter((p) => p === MANIFEST_PATH)];
}

/** Whether the app holds the site's runner by reference (a JavaScript app): it runs on the published runner. */
export function usesSiteRunner(app: SharedApp): boolean {
  return Object.values(app.files).some((file) => typeof file !== 'string' && !('base64' in file));
}
