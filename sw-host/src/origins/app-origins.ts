/**
 * Where apps run: every app at an origin of its own, so that the browser itself keeps apps
 * apart (docs/decisions/0007-an-origin-per-app.md). One pattern, set in one place (the Vite
 * plugin's `origins` option), maps an app key to its origin; the site's own origin never runs
 * app code.
 *
 * Pure: used by the service worker, the host page, the site's pages and the Vite plugin.
 */
import { SwerveError } from '../errors.ts';

/** How a site places its apps. */
export interface OriginsConfig {
  /**
   * The app origin pattern, with `{app}` as the first DNS label: `https://{app}.apps.example.com`.
   * Absent: `{app}.<the site's host>`, with the site's scheme and port (`http://hello.swerve.localhost:4173`
   * for a site at `http://swerve.localhost:4173`); the site's host must then have exactly two
   * labels (`swerve.localhost`, `example.com`).
   */
  apps?: string;
  /** The site's origin, when `apps` is given (`https://example.com`). */
  site?: string;
  /**
   * Origins of other sites allowed to frame app host pages and drive them (embeds in somebody's
   * docs). The site's own origin is always allowed.
   */
  embedders?: string[];
}

/** An app key is one DNS label: lowercase letters, digits and inner hyphens, at most 63 long. */
const APP_KEY = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

export function isAppKey(key: string): boolean {
  return APP_KEY.test(key);
}

/** The origin that runs the app `key`, for a site at `siteOrigin`. */
export function appOrigin(key: string, siteOrigin: string, config: OriginsConfig = {}): string {
  if (!isAppKey(key)) {
    throw new SwerveError(
      'app-key-invalid',
      `"${key}" is not an app key (one DNS label: a-z, 0-9, hyphens). Use lower-case letters, digits and inner hyphens, at most 63 of them (randomAppKey() makes one).`,
    );
  }
  if (config.apps) return new URL(config.apps.replace('{app}', key)).origin;
  const site = new URL(siteOrigin);
  return `${site.protocol}//${key}.${site.host}`;
}

/** The site's origin, seen from the app origin `origin`. */
export function siteOriginOf(origin: string, config: OriginsConfig = {}): string {
  if (config.site) return new URL(config.site).origin;
  const url = new URL(origin);
  const rest = url.host.split('.').slice(1).join('.');
  return `${url.protocol}//${rest}`;
}

/**
 * The key of the app that `origin` runs, or undefined when it is not an app origin (the site
 * itself, or a host such as `127.0.0.1` that `swerve up` serves one app at).
 */
export function appKeyOf(origin: string, config: OriginsConfig = {}): string | undefined {
  const url = new URL(origin);
  const [first, ...rest] = url.hostname.split('.');
  if (!first || rest.length === 0 || !isAppKey(first) || /^\d+$/.test(first)) return undefined;
  if (config.apps) return appOrigin(first, '', config) === url.origin ? first : undefined;
  // Default pattern: one label under the site's host, which has two labels itself
  // (`swerve.localhost`, `example.com`), so the site's own origin is never taken for an app's.
  return rest.length >= 2 ? first : undefined;
}

/** The origins allowed to drive the host at an app origin: the site's own, then the embedders. */
export function allowedParents(origin: string, config: OriginsConfig = {}): string[] {
  return [
    siteOriginOf(origin, config),
    ...(config.embedders ?? []).map((embedder) => new URL(embedder).origin),
  ];
}

/** Base 32 as app keys spell it: digits and the letters a-v, so a key is a valid DNS label. */
const KEY_ALPHABET = '0123456789abcdefghijklmnopqrstuv';

/** A fresh random key for a project the user owns: `p` and 25 base-32 characters (125 bits). */
export function randomAppKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(25));
  return `p${[...bytes].map((byte) => KEY_ALPHABET[byte % 32]).join('')}`;
}

/**
 * Base-32 characters a content key carries: the whole SHA-256 (256 bits, 52 characters, the
 * last one holding a single bit). With the `h` it is 53 characters, within a DNS label's 63.
 */
export const CONTENT_KEY_DIGITS = 52;

/**
 * The shape of a content key (`contentAppKey`): `h` and the full hash in base 32. Recognised
 * where link origins are treated apart (vite-plugin/security-headers.ts); a site app's name
 * never has it.
 */
export const CONTENT_KEY = new RegExp(`^h[${KEY_ALPHABET}]{${CONTENT_KEY_DIGITS}}$`);

/**
 * The key of an app opened from content (a share link): `h` and the content's whole SHA-256,
 * in base 32. The same content always opens at the same origin, and no link can choose the
 * origin of a project (those start with `p`) or of another content: finding another content
 * with the same key means finding a SHA-256 collision, not just a shorter prefix collision.
 */
export async function contentAppKey(content: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', content as Uint8Array<ArrayBuffer>));
  let bits = 0;
  let value = 0;
  let key = 'h';
  for (const byte of digest) {
    value = ((value << 8) | byte) & 0xffff;
    bits += 8;
    while (bits >= 5) {
      key += KEY_ALPHABET[(value >> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  // 256 bits leave one over: it is the last character, padded with zeros.
  if (bits > 0) key += KEY_ALPHABET[(value << (5 - bits)) & 31];
  return key;
}
