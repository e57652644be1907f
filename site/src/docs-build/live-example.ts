/**
 * A live example of the docs: a real runner app (its `spin.toml` and `src/` under
 * `site/docs/examples/<name>/`), put into a share-link payload at build time and shown in an
 * `/embed` frame, so the page runs exactly the source it prints beside the frame.
 */
// Through the site's `imports` map, not the package name: VitePress loads the docs' data files
// with Vite's config bundler, which leaves bare package imports to Node (that cannot load the
// playground's TypeScript) but bundles `#` imports.
import { encodeSharedApp, type SharedApp } from '#playground/share-link';

/** The runner, which evaluates `src/index.js`: served by the site itself, named rather than sent. */
export const RUNNER_FILE = 'runner.wasm';
const ENTRY = 'src/index.js';

export interface LiveExample {
  name: string;
  /** The example's text files, path → text, as they are in its folder. */
  files: Record<string, string>;
  /** The share-link fragment (`v1.…`) that carries the app. */
  payload: string;
}

/** The app a live example's frame runs: its files, and the site's runner as its component. */
export function exampleApp(name: string, files: Record<string, string>): SharedApp {
  if (!files['spin.toml']) throw new Error(`The live example "${name}" has no spin.toml in its folder.`);
  if (!files[ENTRY])
    throw new Error(`The live example "${name}" has no ${ENTRY}: the runner runs that file.`);
  if (!files['spin.toml'].includes(`source = "${RUNNER_FILE}"`))
    throw new Error(
      `The live example "${name}" must run the runner: its spin.toml needs source = "${RUNNER_FILE}".`,
    );
  return { name, files: { ...files, [RUNNER_FILE]: { component: 'runner' } }, open: ENTRY };
}

export async function liveExample(name: string, files: Record<string, string>): Promise<LiveExample> {
  return { name, files, payload: await encodeSharedApp(exampleApp(name, files)) };
}

/** The frame's address: the embed page with the request console, sending `path` first. */
export function embedSrc(payload: string, path: string): string {
  return `/embed?views=console&path=${encodeURIComponent(path)}#${payload}`;
}
