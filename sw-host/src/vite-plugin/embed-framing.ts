/**
 * The server's half of keeping the embed page out of frames of the site's own domain
 * (docs/decisions/0015). `/embed` may be framed by any origin, but a frame whose navigation a
 * page of the same site started (an app's document: every app origin is the same site as the
 * site) is first-party, and would run apps with the visitor's own storage for that page. The
 * browser says so in `Sec-Fetch-Site: same-site`, Public Suffix List and all, and no page can
 * forge it; the embed page checks its ancestors too (client/same-site-framer.ts), which also
 * covers a same-site page further up than the parent.
 *
 * A deployment that serves the built site with another server must do the same: answer
 * `/embed` (and `/embed.html`) with 403 when `Sec-Fetch-Site` is `same-site` and `Sec-Fetch-Dest`
 * is a frame.
 */
import { EMBED_PAGE_PATHS } from './security-headers.ts';

/** The `Sec-Fetch-Dest` values of a frame (static-host-rules.ts writes the same test for other servers). */
export const FRAME_DESTINATIONS: ReadonlySet<string> = new Set(['iframe', 'frame', 'embed', 'object']);

/** What a refused frame reads. */
export const EMBED_FRAMING_REFUSAL =
  "This embed will not start inside a page of this site's own domain (an app's origin): there it would " +
  'run apps with your own saved data, and the page could read their answers. Embeds work on pages of ' +
  'other sites, and on the site itself.';

/** Why `pathname` is refused to a request with these headers, or undefined when it is not. */
export function refusedEmbedFraming(
  pathname: string,
  headers: Record<string, string | string[] | undefined>,
): string | undefined {
  if (!EMBED_PAGE_PATHS.includes(pathname)) return undefined;
  const dest = headers['sec-fetch-dest'];
  if (headers['sec-fetch-site'] !== 'same-site' || typeof dest !== 'string' || !FRAME_DESTINATIONS.has(dest))
    return undefined;
  return EMBED_FRAMING_REFUSAL;
}
