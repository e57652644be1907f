/** Where links point: the site's viewer, with the app in the fragment. */
export const VIEW_PATH = '/view';

/** The full link for `fragment` (`v1.…`) on the site at `siteOrigin`. */
export function shareUrl(fragment: string, siteOrigin: string): string {
  return `${siteOrigin}${VIEW_PATH}#${fragment}`;
}

/** The docs page on what a link, an embed and an app can and cannot do (the Security page). */
export const SECURITY_DOCS_PATH = '/docs/security';
