/**
 * The runner component (components/runner): one prebuilt JavaScript component that runs the
 * user's handler from its files. Each test deploys the runner with handler files written as for
 * the Spin JS SDK and checks the answers, as the playground will.
 */
import { deployApp, serveTestFiles } from '../fixtures/deploy.ts';
import { withHost } from '../fixtures/app-hosts.ts';
import { expect, test, type HostFetch } from '../fixtures/swerve.ts';
import type { Page } from '@playwright/test';

const RUNNER = { built: 'runner/dist/runner.wasm' };

/** A runner app whose `src/` folder (the user's files) is mounted at `/`, entry /index.js. */
function runnerManifest(name: string): string {
  return `spin_manifest_version = 2
[application]
name = "${name}"
[variables]
greeting = { default = "Howdy" }
[[trigger.http]]
route = "/..."
component = "runner"
[component.runner]
source = "runner.wasm"
files = [{ source = "src", destination = "/" }]
key_value_stores = ["default"]
variables = { greeting = "{{ greeting }}" }
`;
}

/** Deploys the runner under `name` with `files` (path under src/ → text). */
async function deployRunner(page: Page, name: string, files: Record<string, string>) {
  const outcome = await deployApp(page, {
    manifest: runnerManifest(name),
    files: {
      'runner.wasm': RUNNER,
      ...Object.fromEntries(Object.entries(files).map(([path, text]) => [`src/${path}`, { text }])),
    },
  });
  expect(outcome.ok, JSON.stringify(outcome)).toBe(true);
}

const body = async (hostFetch: HostFetch, path: string) => {
  const response = await hostFetch(path);
  return { status: response.status, body: response.body, type: response.headers['content-type'] };
};

test.beforeEach(async ({ hostPage }) => serveTestFiles(hostPage));

test("the Spin http-ts template's itty-router handler runs unchanged", async ({ hostPage, hostFetch }) => {
  await deployRunner(hostPage, 'runner-itty', {
    'index.js': `import { AutoRouter } from 'itty-router';

let router = AutoRouter();

// Route ordering matters, the first route that matches will be used
// Any route that does not return will be treated as a middleware
// Any unmatched route will return a 404
router
    .get("/", () => new Response("hello universe"))
    .get('/hello/:name', ({ name }) => \`Hello, \${name}!\`)

//@ts-ignore
addEventListener('fetch', (event: FetchEvent) => {
    event.respondWith(router.fetch(event.request));
});
`.replace(': FetchEvent', ''),
  });
  expect(await body(hostFetch, '/apps/runner-itty/')).toMatchObject({ status: 200, body: 'hello universe' });
  // AutoRouter formats a returned string as JSON, on Spin as here.
  expect(await body(hostFetch, '/apps/runner-itty/hello/Spin')).toMatchObject({
    status: 200,
    body: '"Hello, Spin!"',
    type: 'application/json; charset=utf-8',
  });
  expect((await hostFetch('/apps/runner-itty/nowhere')).status).toBe(404);
});

test('a spin-kv counter keeps its count in the host store; variables come from the manifest', async ({
  hostPage,
  hostFetch,
}) => {
  await deployRunner(hostPage, 'runner-kv', {
    'index.js': `import { openDefault } from '@spinframework/spin-kv';
import * as Variables from '@spinframework/spin-variables';

export default {
  async fetch(request) {
    const store = openDefault();
    const count = (store.getJson('count') ?? 0) + 1;
    store.setJson('count', count);
    store.set('last-path', new URL(request.url).pathname);
    return Response.json({
      count,
      keys: store.getKeys().sort(),
      seen: store.exists('last-path'),
      greeting: Variables.get('greeting'),
      missing: Variables.get('not_defined'),
    });
  },
};
`,
  });
  const visit = async () => JSON.parse((await hostFetch('/apps/runner-kv/here')).body);
  expect(await visit()).toEqual({
    count: 1,
    keys: ['count', 'last-path'],
    seen: true,
    greeting: 'Howdy',
    missing: null,
  });
  expect((await visit()).count).toBe(2);
  expect((await visit()).count).toBe(3);
  const stored = await withHost(
    hostPage,
    'runner-kv',
    (host) => host.kv('runner-kv').getText('count'),
    undefined,
  );
  expect(stored).toBe('3');
});

test('ES modules across files, JSON and hono import and re-export each other', async ({
  hostPage,
  hostFetch,
}) => {
  await deployRunner(hostPage, 'runner-modules', {
    'index.js': `import { Hono } from 'hono';
import { describe, VERSION } from './lib/index.js';
import config from './config.json' with { type: 'json' };

const app = new Hono();
app.get('/', (c) => c.json({ text: describe(c.req.query('name') ?? 'nobody'), version: VERSION, config }));
export default app;
`,
    'lib/index.js': `export * from './describe.js';
export { VERSION } from '../version.js';
`,
    'lib/describe.js': `import { shout } from './strings.js';
export function describe(name) { return shout(\`\${name} was here\`); }
`,
    'lib/strings.js': 'export const shout = (text) => text.toUpperCase() + "!";\n',
    'version.js': 'export const VERSION = "1.2.3";\n',
    'config.json': '{ "mode": "test" }',
  });
  const answer = await hostFetch('/apps/runner-modules/?name=ada');
  expect(answer.status).toBe(200);
  expect(JSON.parse(answer.body)).toEqual({
    text: 'ADA WAS HERE!',
    version: '1.2.3',
    config: { mode: 'test' },
  });
});

test('a syntax error, a missing export and a thrown exception answer 500 and are logged with where they are', async ({
  hostPage,
  hostFetch,
  workerLogs,
}) => {
  await deployRunner(hostPage, 'runner-errors', {
    'index.js': `import { route } from './routes.js';
export default { fetch: (request) => route(new URL(request.url).pathname) };
`,
    'routes.js': `import { broken } from './broken.js';
import { absent } from './helpers.js';
export function route(path) {
  if (path === '/throw') return explode();
  return new Response('ok');
}
function explode() {
  throw new TypeError('the handler gave up');
}
`,
    'broken.js': `export const fine = 1;

const x = ;
`,
    'helpers.js': 'export const present = 1;\n',
  });
  const syntax = await hostFetch('/apps/runner-errors/');
  expect(syntax.status).toBe(500);
  expect(syntax.body).toMatch(/^Internal Server Error\n\/broken\.js:3:\d+: SyntaxError: /);
  await expect
    .poll(() => workerLogs.find((line) => line.includes('[runner] /broken.js:3:')))
    .toMatch(/runner-errors\/runner #\d+ \[runner\] \/broken\.js:3:\d+: SyntaxError: /);

  // The same app with the syntax error fixed: the missing export is next.
  await deployRunner(hostPage, 'runner-errors', {
    'index.js': `import { route } from './routes.js';
export default { fetch: (request) => route(new URL(request.url).pathname) };
`,
    'routes.js': `import { absent } from './helpers.js';
export const route = () => new Response(absent);
`,
    'helpers.js': 'export const present = 1;\n',
  });
  const missing = await hostFetch('/apps/runner-errors/');
  expect(missing.status).toBe(500);
  expect(missing.body).toContain('/routes.js:1:24: /helpers.js has no export named "absent"');
  await expect
    .poll(() => workerLogs.find((line) => line.includes('has no export named "absent"')))
    .toContain('[runner] /routes.js:1:24');

  await deployRunner(hostPage, 'runner-errors', {
    'index.js': `export default {
  fetch(request) {
    return explode(new URL(request.url).pathname);
  },
};
function explode(path) {
  throw new TypeError('the handler gave up at ' + path);
}
`,
  });
  const thrown = await hostFetch('/apps/runner-errors/boom');
  expect(thrown.status).toBe(500);
  expect(thrown.body).toContain('TypeError: the handler gave up at /boom');
  // The stack follows, a frame a line, naming the user's file and line.
  await expect
    .poll(() => workerLogs.find((line) => line.includes('Uncaught TypeError: the handler gave up at /boom')))
    .toBeDefined();
  await expect.poll(() => workerLogs.find((line) => /explode@\/index\.js:7:\d+/.test(line))).toBeDefined();

  // A module with no handler at all.
  await deployRunner(hostPage, 'runner-errors', { 'index.js': 'export const nothing = 1;\n' });
  const none = await hostFetch('/apps/runner-errors/');
  expect(none.status).toBe(500);
  expect(none.body).toContain('/index.js: exports no handler');
});
