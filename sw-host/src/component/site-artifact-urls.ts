/**
 * Where a worker at an app origin fetches the site's published artifacts (`/_swerve/components/…`,
 * the catalog's apps and prepared deploys such as the playground's runner): from the site's own
 * origin first. Browsers key their HTTP cache, and V8 its compiled code, by URL (within one
 * site, which an app origin and its site are): fetched from the site's origin, the runner's
 * 3.7 MiB core module is downloaded and compiled once for every project, link and embed, and a
 * site page can start that download before any app origin exists (the playground preloads it).
 * The site serves these paths with CORS (vite-plugin/security-headers.ts). Where that fetch
 * fails (a host without the CORS header, `swerve up` at a bare address), the same path at this
 * origin is used, as before.
 */
import { appKeyOf, siteOriginOf, type OriginsConfig } from '../origins/app-origins.ts';

/** The URLs to try for `path`, best first: the site's, then this origin's own. */
export function siteArtifactUrls(path: string, here: string, origins: OriginsConfig): string[] {
  const own = new URL(path, here).href;
  if (appKeyOf(here, origins) === undefined) return [own];
  const site = new URL(path, siteOriginOf(here, origins)).href;
  return site === own ? [own] : [site, own];
}
