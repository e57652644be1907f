/**
 * Where the redeploy page (`/_swerve/up?to=`) goes once it has deployed: a path of the app at
 * this origin, or nowhere.
 *
 * `to` comes from a URL anyone can send the user, so it must not lead off the origin (an open
 * redirect that wears the server's name). Browsers drop tabs and newlines from a URL and read
 * a backslash as a slash, so `/\t/evil.example` or `/\evil.example` become `//evil.example`, another
 * site: such a `to` is refused, as is anything that does not resolve to this origin. Swerve's
 * own paths are refused too, because the redeploy page would only come back to itself.
 */
import { SERVICE_WORKER_PATH, SWERVE_PREFIX } from '../protocol/paths.ts';

export type ReturnPath = { ok: true; path: string } | { ok: false; problem: string };

const EXAMPLE = 'Give a path of this app, as in /_swerve/up?to=/hello, or leave out ?to= to go to /.';

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

/** Checks `to` (null when absent: then `/`). */
export function checkReturnPath(to: string | null): ReturnPath {
  if (to === null || to === '') return { ok: true, path: '/' };
  const refuse = (why: string): ReturnPath => ({
    ok: false,
    problem: `?to= must be a path of this app: ${JSON.stringify(to)} ${why}. ${EXAMPLE}`,
  });
  if (CONTROL.test(to)) return refuse('has a control character (a tab, a newline), which browsers drop');
  if (to.includes('\\')) return refuse('has a backslash, which browsers read as a slash');
  if (!to.startsWith('/') || to.startsWith('//')) return refuse('does not start with a single /');
  const base = 'http://swerve.invalid';
  const resolved = new URL(to, `${base}/`);
  if (resolved.origin !== base) return refuse('leads to another origin');
  if (resolved.pathname.startsWith(SWERVE_PREFIX) || resolved.pathname === SERVICE_WORKER_PATH) {
    return refuse("is one of Swerve's own paths, not the app's");
  }
  return { ok: true, path: to };
}
