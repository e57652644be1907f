/**
 * The one setting a deployed site's origins come from: the site's own origin, given when the site
 * is built (`SWERVE_SITE_ORIGIN=https://swerve.example.com npm run build`). Apps then run at
 * `https://<key>.swerve.example.com`, and the headers written for static hosts
 * (static-host-rules.ts) name those origins.
 *
 * Unset, nothing is fixed: pages work out the site from their own location and apps run one label
 * under it (the default `swerve.localhost` of `npm start` and the browser tests).
 */
import type { OriginsConfig } from '../origins/app-origins.ts';

/** The environment variable the site's build reads. */
export const SITE_ORIGIN_SETTING = 'SWERVE_SITE_ORIGIN';

/** Where the site is served when no origin is set: `vite preview` under the name apps nest in. */
export const DEFAULT_SITE_ORIGIN = 'http://swerve.localhost:4173';

/**
 * DNS allows 253 characters in a name; an app's origin adds a label of up to 63 (a link's
 * content key is 53) and a dot to the site's host, so the site's host may have at most this many.
 */
export const MAX_SITE_HOST_CHARS = 253 - 64;

function invalid(value: string, why: string): Error {
  return new Error(
    `${SITE_ORIGIN_SETTING}="${value}" ${why}. Give the site's origin, a scheme and a host name with an ` +
      `optional port and nothing after it: ${SITE_ORIGIN_SETTING}=https://swerve.example.com ` +
      `(apps then run at https://<key>.swerve.example.com).`,
  );
}

/** The site's origin, checked: `value` must be an http(s) origin whose host can have app names under it. */
export function parseSiteOrigin(value: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw invalid(value, 'is not a URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw invalid(value, 'is not http or https');
  if (url.username || url.password) throw invalid(value, 'carries a user name or password');
  if (url.pathname !== '/' || /[?#]/.test(value)) throw invalid(value, 'has a path, query or fragment');
  if (/^[\d.]+$/.test(url.hostname) || url.hostname.startsWith('['))
    throw invalid(value, 'is an IP address, which cannot have app names under it');
  if (!url.hostname.includes('.'))
    throw invalid(
      value,
      'has a one-label host (apps need names under it: use swerve.localhost, not localhost)',
    );
  if (url.hostname.length > MAX_SITE_HOST_CHARS)
    throw invalid(value, `has a host longer than ${MAX_SITE_HOST_CHARS} characters (MAX_SITE_HOST_CHARS)`);
  return url;
}

/**
 * Where apps run for a site built with `siteOrigin` (the `origins` option of the Vite plugin):
 * one label under the site's host, with its scheme and port. Unset: worked out where the pages run.
 */
export function originsForSite(siteOrigin: string | undefined, embedders: string[] = []): OriginsConfig {
  if (!siteOrigin) return { embedders };
  const site = parseSiteOrigin(siteOrigin);
  return { site: site.origin, apps: `${site.protocol}//{app}.${site.host}`, embedders };
}
