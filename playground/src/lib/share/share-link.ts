/**
 * A shared app, written into a URL fragment: `#v1.<payload>`, where the payload is the app as
 * JSON, gzipped with the browser's CompressionStream and base64url-encoded without padding.
 * Fragments never reach servers, so a link carries its app to the viewer and nowhere else.
 *
 * Links stay valid for good: every version ever written keeps a decoder here (`DECODERS`), and a
 * test opens a link committed when each version was new. A later format is a new prefix
 * (`v2.`), never a change to an old one.
 *
 * What a link holds (`SharedApp`): the manifest and the app's files (text as text, other bytes
 * as base64, the site's own runner component by name so a JavaScript app is a few hundred
 * characters, not 14 MB), the values of non-secret variables, an optional key-value seed and
 * SQLite seed (SQL statements), the file to open first and the first request to send. Secrets are never put in: the viewer asks.
 */

import { base64ToBytes, bytesToBase64 } from '../bytes/base64.ts';
import { formatLimit, inflating, readUpTo } from '../bytes/read-capped.ts';
import { unsafePathReason } from '../project/app-path.ts';
import { METHODS } from '../request/request-spec.ts';

export const LINK_PREFIX = 'v1.';

/**
 * The most a link's app may unpack to. Gzip can turn a few kilobytes into gigabytes, so a link is
 * inflated as a stream and dropped the moment it passes this. A link is at most 64 KB
 * (MAX_LINK_CHARS), and even very repetitive source compresses well under 100:1, so no link the
 * playground makes comes near it; the playground refuses to make one that would pass it.
 */
export const MAX_LINK_APP_BYTES = 8 * 1024 * 1024;

/** Above this many characters, chat apps and mail clients start cutting links. */
export const LONG_LINK_CHARS = 2000;

/**
 * One file of a shared app: text; bytes (base64, standard alphabet); or a component the site
 * itself serves, by name (today only `runner`, which evaluates a project's JavaScript). A named
 * component is the site's current build of it: its contract (run the project's `src/`) is kept.
 */
export type SharedFile = string | { base64: string } | { component: SiteComponent };

export type SiteComponent = 'runner';

/** A key-value value as the host's dumps write it (sw-host/src/kv/kv-dump.ts). */
export type SharedKvValue = { text: string } | { base64: string };

export interface SharedRequest {
  method: string;
  path: string;
  headers?: string;
  body?: string;
}

export interface SharedApp {
  /** The project's name (the manifest has the app's own). */
  name: string;
  /** Path → content; `spin.toml` among them. */
  files: Record<string, SharedFile>;
  /** Values for the manifest's non-secret `[variables]`. */
  variables?: Record<string, string>;
  /** Store label → key → value, written before the first request. */
  kv?: Record<string, Record<string, SharedKvValue>>;
  /**
   * SQLite database label → SQL statements (a `.sql` dump) run when the app is first deployed
   * at its origin, as `spin up --sqlite @file.sql` runs them.
   */
  sqlite?: Record<string, string>;
  /** The file a viewer or embed shows first. */
  open?: string;
  /** The request a viewer sends first (default `GET /`). */
  request?: SharedRequest;
}

/** An app that cannot travel in a link: why, for the person sharing it. */
export class TooBigForLinkError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TooBigForLinkError';
  }
}

/** Why a link could not be read, in words for the person who opened it. */
export class ShareLinkError extends Error {
  constructor(
    readonly code: 'not-a-link' | 'newer-version' | 'cut-short' | 'malformed' | 'too-big',
    message: string,
  ) {
    super(message);
    this.name = 'ShareLinkError';
  }
}

// --- base64url ----------------------------------------------------------------------------

function toBase64Url(bytes: Uint8Array): string {
  return bytesToBase64(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/.test(text))
    throw new ShareLinkError(
      'malformed',
      'This link has characters a Swerve link never contains: it may have been changed on the way. Ask for the link again.',
    );
  // A length of 1 mod 4 is never a whole base64 text: the link lost characters at its end.
  if (text.length % 4 === 1) throw cutShort();
  const padded = text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4);
  return base64ToBytes(padded);
}

function cutShort(): ShareLinkError {
  return new ShareLinkError(
    'cut-short',
    'This link was cut short: its end is missing, which happens when a chat app or mail client ' +
      'shortens long links. Ask the sender for the whole link, or for the app as a zip file.',
  );
}

// --- gzip ---------------------------------------------------------------------------------

async function pipe(
  bytes: Uint8Array,
  transform: CompressionStream | DecompressionStream,
): Promise<Uint8Array> {
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(transform);
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

// --- versions -----------------------------------------------------------------------------

type Decoder = (payload: string) => Promise<SharedApp>;

/** The gzip payload inflated, but never past MAX_LINK_APP_BYTES: a gzip bomb stops there. */
async function inflateLink(compressed: Uint8Array): Promise<Uint8Array> {
  let read;
  try {
    read = await readUpTo(inflating(compressed, 'gzip'), MAX_LINK_APP_BYTES);
  } catch {
    // A gzip stream that ends early fails to inflate; so does one with bytes changed.
    throw cutShort();
  }
  if (read.truncated)
    throw new ShareLinkError(
      'too-big',
      `This link unpacks to more than ${formatLimit(MAX_LINK_APP_BYTES)} (the limit MAX_LINK_APP_BYTES), ` +
        'more than any link the playground makes: it was stopped there and nothing was run. ' +
        'Ask the sender for the app as a zip file instead.',
    );
  return read.bytes;
}

async function decodeV1(payload: string): Promise<SharedApp> {
  const json = new TextDecoder().decode(await inflateLink(fromBase64Url(payload)));
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw cutShort();
  }
  return checkSharedApp(value);
}

/** Every link version ever written, and how to read it. Never remove one. */
const DECODERS: Record<string, Decoder> = { 'v1.': decodeV1 };

function malformed(why: string): ShareLinkError {
  return new ShareLinkError('malformed', `This link does not hold a Swerve app: ${why}.`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkSharedApp(value: unknown): SharedApp {
  if (!isRecord(value)) throw malformed('its content is not an object');
  const { name, files, variables, kv, sqlite, open, request } = value;
  if (typeof name !== 'string') throw malformed('it has no name');
  if (!isRecord(files) || !Object.keys(files).length) throw malformed('it has no files');
  for (const [path, file] of Object.entries(files)) {
    const unsafe = unsafePathReason(path);
    if (unsafe !== undefined)
      throw malformed(
        `its file path ${JSON.stringify(path)} is not allowed (${unsafe}), and nothing was stored`,
      );
    const ok =
      typeof file === 'string' ||
      (isRecord(file) && (typeof file['base64'] === 'string' || file['component'] === 'runner'));
    if (!ok) throw malformed(`its file ${JSON.stringify(path)} is neither text, bytes nor a site component`);
  }
  if (
    variables !== undefined &&
    (!isRecord(variables) || Object.values(variables).some((v) => typeof v !== 'string'))
  )
    throw malformed('its variables are not name = text');
  if (kv !== undefined) {
    if (!isRecord(kv)) throw malformed('its key-value seed is not an object');
    for (const store of Object.values(kv)) {
      if (!isRecord(store)) throw malformed('a key-value store of its seed is not an object');
      for (const v of Object.values(store))
        if (!isRecord(v) || (typeof v['text'] !== 'string' && typeof v['base64'] !== 'string'))
          throw malformed('a key-value value of its seed is neither text nor base64');
    }
  }
  if (
    sqlite !== undefined &&
    (!isRecord(sqlite) || Object.values(sqlite).some((sql) => typeof sql !== 'string'))
  )
    throw malformed('its SQLite seed is not database = SQL text');
  if (open !== undefined && (typeof open !== 'string' || unsafePathReason(open) !== undefined))
    throw malformed('the file it opens first is not a path in the app');
  if (request !== undefined) checkSharedRequest(request);
  return value as unknown as SharedApp;
}

/**
 * A link's first request is copied into the viewer's console and the playground (and from there
 * into "Copy as curl"), so it is held to what the console itself can write: one of its methods, a
 * path on the app's own origin, and text headers and body.
 */
function checkSharedRequest(request: unknown): void {
  if (!isRecord(request) || typeof request['method'] !== 'string' || typeof request['path'] !== 'string')
    throw malformed('its first request has no method or path');
  const { method, path, headers, body } = request;
  if (!METHODS.includes(method))
    throw malformed(
      `its first request's method ${JSON.stringify(method)} is not one of ${METHODS.join(', ')}; nothing was run`,
    );
  // `//host/x` would leave the app's origin once resolved; whitespace and controls are never in a path.
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (!path.startsWith('/') || path.startsWith('//') || /[\s\u0000-\u001f\u007f]/.test(path))
    throw malformed(`its first request's path ${JSON.stringify(path)} is not a path such as /hello`);
  if (headers !== undefined && typeof headers !== 'string')
    throw malformed("its first request's headers are not text");
  if (body !== undefined && typeof body !== 'string') throw malformed("its first request's body is not text");
}

// --- the API ------------------------------------------------------------------------------

/** The fragment (without `#`) that carries `app`. */
export async function encodeSharedApp(app: SharedApp): Promise<string> {
  const json = new TextEncoder().encode(JSON.stringify(app));
  // The viewer refuses what unpacks past this: no link it cannot open is ever made.
  if (json.length > MAX_LINK_APP_BYTES)
    throw new TooBigForLinkError(
      `The app is ${json.length.toLocaleString('en')} bytes as a link's text, over the ${formatLimit(MAX_LINK_APP_BYTES)} a link may unpack to.`,
    );
  return LINK_PREFIX + toBase64Url(await pipe(json, new CompressionStream('gzip')));
}

/** The app a fragment (with or without `#`) carries; a ShareLinkError saying why not. */
export async function decodeSharedApp(fragment: string): Promise<SharedApp> {
  const text = fragment.replace(/^#/, '').trim();
  if (!text)
    throw new ShareLinkError(
      'not-a-link',
      'This address carries no app: a share link ends with # and the app. Ask for the whole link.',
    );
  const match = /^v(\d+)\./.exec(text);
  if (!match) throw malformed('it does not start with a version (v1.)');
  const decoder = DECODERS[match[0]];
  if (!decoder)
    throw new ShareLinkError(
      'newer-version',
      `This link was made by a newer Swerve (format v${match[1]}) than this site runs: open it on the site it came from.`,
    );
  return decoder(text.slice(match[0].length));
}
