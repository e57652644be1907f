/**
 * The reload of a page the server sent because the service worker did not answer its URL (the
 * first visit, a hard reload): once the host is installed, the page reloads so that the worker
 * answers. A reload that still reaches the server would loop; a session flag, set before each
 * reload and read after, stops that, and the page says why instead.
 */

/** A reload for the same URL within this window means the worker did not answer it. */
export const RELOAD_LOOP_WINDOW_MS = 10_000;

/**
 * Reloads the page, unless it was reloaded for this URL just now: then the flag is cleared and
 * `'stuck'` returned, for the page to say so. `key`: the session storage key of this kind of page.
 */
export function reloadUnlessLooping(key: string): 'reloading' | 'stuck' {
  const [href, at] = (sessionStorage.getItem(key) ?? '').split('\n');
  if (href === location.href && Date.now() - Number(at) < RELOAD_LOOP_WINDOW_MS) {
    sessionStorage.removeItem(key);
    return 'stuck';
  }
  sessionStorage.setItem(key, `${location.href}\n${Date.now()}`);
  location.reload();
  return 'reloading';
}
