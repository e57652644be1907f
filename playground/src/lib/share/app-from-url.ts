/**
 * Apps too big for a link, shared as a file instead: an exported zip dropped onto the viewer, or
 * `?app=<url>` naming a zip or a spin.toml on a server that allows CORS. With
 * `&digest=sha256:<hex>` the bytes fetched must hash to it, so a link can pin what it opens.
 *
 * A digest pins everything that runs, or the link is refused: a zip's digest covers every byte of
 * the app; a spin.toml's covers only the manifest, so with a digest a spin.toml may name no file
 * to fetch beside it (its components may still be `source = { url, digest }`, each pinned by the
 * digest the manifest gives it and checked by the host when it fetches it). Without a digest, the
 * files a spin.toml names are fetched only from its own folder on its own server: a manifest
 * cannot pull code from another host, or from outside its folder, into what the link opens.
 */
import { formatLimit, readUpTo } from '../bytes/read-capped.ts';
import { appFiles, fromZip, type ZipEntry } from '../export/spin-zip.ts';
import { unsafePathReason } from '../project/app-path.ts';
import { asText } from '../project/file-kind.ts';
import { sha256Hex } from '../project/hash.ts';
import { summariseManifest } from '../manifest/manifest-summary.ts';
import type { SharedApp } from './share-link.ts';
import { sharedAppFromFiles, type SiteRunner } from './shared-app.ts';

/** Why an app file could not be opened, in words for the person who opened it. */
export class AppFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AppFileError';
  }
}

/** `sha256:<64 hex>` → the hex; throws for anything else. */
export function parseDigest(digest: string): string {
  const match = /^sha256:([0-9a-f]{64})$/i.exec(digest.trim());
  if (!match)
    throw new AppFileError(
      `The digest "${digest}" is not sha256:<64 hex digits>. Ask for the link again, or drop the digest to open the app unchecked.`,
    );
  return match[1]!.toLowerCase();
}

/** The most `?app=` fetches for one file: as much as a zip may unpack to (lib/export/zip-reader.ts). */
export const MAX_FETCHED_APP_BYTES = 256 * 1024 * 1024;

async function fetchBytes(url: URL): Promise<Uint8Array> {
  let response: Response;
  try {
    response = await fetch(url, { credentials: 'omit' });
  } catch {
    throw new AppFileError(
      `Could not fetch ${url.href}: the server is unreachable or does not allow this site to read it (CORS: it must answer with Access-Control-Allow-Origin).`,
    );
  }
  if (!response.ok) throw new AppFileError(`${url.href} answered ${response.status} ${response.statusText}.`);
  if (!response.body) return new Uint8Array();
  const read = await readUpTo(response.body, MAX_FETCHED_APP_BYTES);
  if (read.truncated)
    throw new AppFileError(
      `${url.href} is over ${formatLimit(MAX_FETCHED_APP_BYTES)} (MAX_FETCHED_APP_BYTES), more than an app may be: it was not read further and nothing was run.`,
    );
  return read.bytes;
}

/** The app in a zip (as exported from the playground, or any Spin app folder zipped). */
export async function appFromZip(
  bytes: Uint8Array,
  fallbackName: string,
  runner: Pick<SiteRunner, 'hash'>,
): Promise<SharedApp> {
  let entries: ZipEntry[];
  try {
    entries = appFiles(await fromZip(bytes));
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new AppFileError(`This is not a Spin app zip: ${why}`);
  }
  return filesToApp(entries, fallbackName, runner);
}

async function filesToApp(
  entries: ZipEntry[],
  fallbackName: string,
  runner: Pick<SiteRunner, 'hash'>,
): Promise<SharedApp> {
  const manifest = entries.find((e) => e.path === 'spin.toml');
  const name =
    (manifest && summariseManifest(new TextDecoder().decode(manifest.bytes))?.name) || fallbackName;
  return sharedAppFromFiles(
    name,
    entries.map(({ path, bytes }) => {
      const text = asText(path, bytes);
      return text === undefined ? { path, bytes } : { path, text };
    }),
    runner,
  );
}

/**
 * The files a spin.toml names that can be fetched one by one: each component's local `source`
 * and its `files` entries that are single files. A folder cannot be listed over HTTP. Each must
 * be a plain relative path: the file is fetched from beside the manifest, and nowhere else.
 */
function namedFiles(manifest: string): string[] {
  const summary = summariseManifest(manifest);
  if (!summary) throw new Error('it is not valid TOML');
  const paths = new Set<string>(Object.values(summary.sources));
  for (const entry of Object.values(summary.files).flat()) {
    const source = typeof entry === 'string' ? entry : entry.source;
    if (/[*?[]/.test(source) || !/\.[A-Za-z0-9]+$/.test(source))
      throw new AppFileError(
        `The manifest mounts "${source}", a folder or pattern, which cannot be fetched file by file over HTTP. Share the app as a zip instead (Export zip in the playground).`,
      );
    paths.add(source);
  }
  for (const path of paths) {
    const unsafe = unsafePathReason(path);
    if (unsafe !== undefined)
      throw new AppFileError(
        `The manifest names the file ${JSON.stringify(path)}, which is not allowed: ${unsafe}. A spin.toml shared by URL may name only files in its own folder; nothing was fetched or run.`,
      );
  }
  return [...paths];
}

/** `path` beside the manifest at `manifestUrl`: on its server, inside its folder, or an error. */
function besideManifest(path: string, manifestUrl: URL): URL {
  const url = new URL(path, manifestUrl);
  const folder = new URL('.', manifestUrl);
  if (url.origin !== folder.origin || !url.pathname.startsWith(folder.pathname) || url.search || url.hash)
    throw new AppFileError(
      `The manifest names ${JSON.stringify(path)}, which resolves to ${url.href}, outside its folder ${folder.href}: a spin.toml shared by URL may name only files in its own folder; nothing was fetched or run.`,
    );
  return url;
}

/** The app `?app=` names: a zip, or a spin.toml and the files it names beside it. */
export async function appFromUrl(
  address: string,
  digest: string | null,
  runner: Pick<SiteRunner, 'hash'>,
): Promise<SharedApp> {
  let url: URL;
  try {
    url = new URL(address, globalThis.location?.href);
  } catch {
    throw new AppFileError(`"${address}" is not a URL. ?app= takes the address of a zip or a spin.toml.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new AppFileError(`?app= takes an http(s) address, not ${url.protocol}.`);
  const expected = digest === null ? undefined : parseDigest(digest);
  const bytes = await fetchBytes(url);
  if (expected !== undefined) {
    const actual = await sha256Hex(bytes);
    if (actual !== expected)
      throw new AppFileError(
        `${url.href} is not the file this link was made for: its digest is sha256:${actual}, the link expects sha256:${expected}. It has changed since; nothing was run. Ask for a new link.`,
      );
  }
  const fallbackName =
    decodeURIComponent(url.pathname.split('/').pop() ?? 'app').replace(/\.(zip|toml)$/i, '') || 'app';
  // A zip starts with "PK\x03\x04"; anything else is taken for a spin.toml.
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return appFromZip(bytes, fallbackName, runner);
  const manifest = new TextDecoder().decode(bytes);
  let paths: string[];
  try {
    paths = namedFiles(manifest);
  } catch (error) {
    if (error instanceof AppFileError) throw error;
    throw new AppFileError(
      `${url.href} is neither a zip nor a spin.toml: ${error instanceof Error ? error.message : error}`,
    );
  }
  // A digest covers the manifest's bytes only: it cannot vouch for a file fetched beside it.
  if (expected !== undefined && paths.length)
    throw new AppFileError(
      `This link pins ${url.href} with a digest, but that spin.toml names files it does not cover (${paths.join(', ')}): ` +
        'their bytes could change and the link would still open. Share the app as a zip, whose digest covers every byte (Export zip in the playground); nothing was run.',
    );
  const urls = paths.map((path) => besideManifest(path, url));
  const entries: ZipEntry[] = [{ path: 'spin.toml', bytes }];
  for (const [i, path] of paths.entries()) entries.push({ path, bytes: await fetchBytes(urls[i]!) });
  return filesToApp(entries, fallbackName, runner);
}
