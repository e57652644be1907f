/**
 * The page of this site's own domain, if any, that frames this page without being the site: an
 * app's origin, or another host under the site's (origins/site-relation.ts). Such a framer is
 * first-party to the site, so a page of the site inside it (the embed page, an app's host page)
 * would run apps with the visitor's own storage, on behalf of a page whose author is a stranger
 * (a link's app). Those pages refuse to start there (docs/decisions/0015).
 *
 * Every ancestor counts, not only the parent: `location.ancestorOrigins` (Chromium, Safari). A
 * browser without it gives only the referrer of this frame's navigation, usually its parent's
 * page; where that is hidden too, the server's `Sec-Fetch-Site` check is what stands
 * (vite-plugin/embed-framing.ts).
 */
import { isSameSiteStranger } from '../origins/site-relation.ts';
import { ORIGINS } from '../origins/configured-origins.ts';

function ancestorOrigins(): string[] {
  if (window.parent === window) return [];
  if (location.ancestorOrigins) return [...location.ancestorOrigins];
  try {
    return document.referrer ? [new URL(document.referrer).origin] : [];
  } catch {
    return [];
  }
}

/** The first same-site framer that is not the site at `siteOrigin`, or undefined. */
export function sameSiteFramer(siteOrigin: string): string | undefined {
  return ancestorOrigins().find((ancestor) => isSameSiteStranger(ancestor, siteOrigin, ORIGINS));
}

/** What a page of the site says when it will not start inside `framer`. */
export function sameSiteFramerMessage(framer: string, what: string): string {
  return (
    `${what} will not start inside a page of ${framer}: that page is on this site's own domain (an app's ` +
    `origin), where it would run apps with your own saved data, and the page could read their answers. ` +
    'Embeds work on pages of other sites, and on the site itself.'
  );
}
