/**
 * What the front page asks each example by default, so that pressing Send (or opening the app in
 * a new tab) shows a working answer rather than an error.
 */

/** The path each example's card starts with, where `/` is not one of the app's routes. */
const DEFAULT_PATHS: Readonly<Record<string, string>> = {
  // todo-api's only route is `/todos/...`: `/` is not routed and answers an empty 404.
  'todo-api': '/todos',
};

/** The path the card for app `name` starts with. */
export function defaultPath(name: string): string {
  return DEFAULT_PATHS[name] ?? '/';
}

/**
 * Apps the site deploys for its other pages, not as examples: the runner is the playground's
 * engine, which answers only once a project's files are deployed with it (the catalog carries no
 * files, so on its own it answers 500). The header's playground link is where to try it.
 */
const NOT_EXAMPLES: ReadonlySet<string> = new Set(['runner']);

/** Whether the front page lists app `name` as an example. */
export function isExample(name: string): boolean {
  return !NOT_EXAMPLES.has(name);
}
