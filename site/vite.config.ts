import { defineConfig } from 'vite';
import { swerveHost, type SiteApp } from '@swerve/sw-host/vite-plugin';
import { playgroundInSite } from '../playground/build-config.ts';

const examples: SiteApp[] = [
  { name: 'hello', dir: '../components/examples/hello' },
  { name: 'echo', dir: '../components/examples/echo' },
  { name: 'kv-counter', dir: '../components/examples/kv-counter' },
  { name: 'todo-api', dir: '../components/examples/todo-api' },
  // The runner, which the playground deploys with a project's files (components/runner).
  { name: 'runner', dir: '../components/runner' },
];

// Test fixtures (components/fixtures) are deployed too when the browser tests and benchmarks
// build the site, so they run on exactly the host a visitor gets.
const fixtures: SiteApp[] = [
  { name: 'minimal', dir: '../components/fixtures/minimal' },
  { name: 'trap', dir: '../components/fixtures/trap' },
  { name: 'loop', dir: '../components/fixtures/loop' },
];

// The site is built and served as it is deployed (`vite build` + `vite preview`), so the real
// service worker answers the example apps, each at its own origin (`<name>.swerve.localhost`).
// SWERVE_EMBEDDERS lists other sites' origins that may embed apps (the browser tests use one);
// SWERVE_BENCH_ROUTE gives the worker the benchmark's plain JavaScript baseline route.
export default defineConfig({
  plugins: [
    swerveHost({
      apps: process.env.SWERVE_WITH_FIXTURES ? [...examples, ...fixtures] : examples,
      origins: { embedders: process.env.SWERVE_EMBEDDERS?.split(',').filter(Boolean) ?? [] },
      benchRoute: Boolean(process.env.SWERVE_BENCH_ROUTE),
    }),
    // The playground (playground/), built with the same settings into this build's /playground/.
    playgroundInSite(),
  ],
  build: {
    target: 'es2023',
    rolldownOptions: {
      // The swerve-host plugin builds the host's workers after the bundle: slow by design, not a problem.
      onLog(level, log, handler) {
        if (log.code !== 'PLUGIN_TIMINGS') handler(level, log);
      },
    },
  },
  preview: { port: 4173, host: '127.0.0.1' },
});
