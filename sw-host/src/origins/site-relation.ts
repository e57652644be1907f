/**
 * How two origins of one Swerve site relate, as far as a page can tell without the Public
 * Suffix List: the site's host and every host under it (app origins, under the default pattern
 * or the configured `apps` one) are one site; anything else is another site.
 *
 * The browser knows better (it has the list), so these answers err one way only: an origin they
 * call same-site is same-site. A sibling such as `blog.example.com` beside a site at
 * `www.example.com` is called cross-site here although it is not; where that matters (the
 * embed page, framing) the server's `Sec-Fetch-Site` check covers it (vite-plugin/embed-framing.ts).
 */
import { appKeyOf, siteOriginOf, type OriginsConfig } from './app-origins.ts';

export type SiteRelation = 'same-origin' | 'same-site' | 'cross-site';

/** The hosts whose subdomains belong to the site: the site's own, and the app pattern's parent. */
function siteHosts(siteOrigin: string, config: OriginsConfig): string[] {
  const hosts = [new URL(siteOrigin).hostname];
  if (config.apps) hosts.push(new URL(config.apps.replace('{app}', 'x')).hostname.replace(/^x\./, ''));
  return hosts;
}

/** Whether `origin` is the site's host or under it (any port), with the site's scheme. */
export function withinSite(origin: string, siteOrigin: string, config: OriginsConfig = {}): boolean {
  const url = new URL(origin);
  if (url.protocol !== new URL(siteOrigin).protocol) return false;
  return siteHosts(siteOrigin, config).some(
    (host) => url.hostname === host || url.hostname.endsWith(`.${host}`),
  );
}

/**
 * How a request from `from` relates to `to`, an origin of the site at `siteOrigin`: what a
 * browser would send as `Sec-Fetch-Site`, never claiming more closeness than is sure.
 */
export function siteRelation(
  from: string,
  to: string,
  siteOrigin: string,
  config: OriginsConfig = {},
): SiteRelation {
  if (from === to) return 'same-origin';
  return withinSite(from, siteOrigin, config) && withinSite(to, siteOrigin, config)
    ? 'same-site'
    : 'cross-site';
}

/**
 * Whether a page at `ancestor` is the same site as the site at `siteOrigin` without being the
 * site itself: an app's origin, or another host under the site's. Such a page frames the site's
 * pages first-party, with the visitor's own storage of every app (docs/decisions/0015).
 */
export function isSameSiteStranger(
  ancestor: string,
  siteOrigin: string,
  config: OriginsConfig = {},
): boolean {
  return ancestor !== siteOrigin && withinSite(ancestor, siteOrigin, config);
}

/** The site's origin as seen from an app origin, or undefined when `origin` is no app origin (`swerve up`). */
export function siteOfApp(origin: string, config: OriginsConfig = {}): string | undefined {
  return appKeyOf(origin, config) === undefined ? undefined : siteOriginOf(origin, config);
}
