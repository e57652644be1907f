/**
 * The apps the site deploys, each at its own origin (`<name>.swerve.localhost`): read by the
 * site's Vite config, and by the browser tests that check the front page's examples.
 */
import type { SiteApp } from 'swerve/vite';

export const examples: SiteApp[] = [
  { name: 'hello', dir: '../components/examples/hello' },
  { name: 'echo', dir: '../components/examples/echo' },
  { name: 'kv-counter', dir: '../components/examples/kv-counter' },
  { name: 'todo-api', dir: '../components/examples/todo-api' },
  // The runner, which the playground deploys with a project's files (components/runner).
  { name: 'runner', dir: '../components/runner' },
];

// Test fixtures (components/fixtures) are deployed too when the browser tests and benchmarks
// build the site, so they run on exactly the host a visitor gets.
export const fixtures: SiteApp[] = [
  { name: 'minimal', dir: '../components/fixtures/minimal' },
  { name: 'trap', dir: '../components/fixtures/trap' },
  { name: 'loop', dir: '../components/fixtures/loop' },
];
