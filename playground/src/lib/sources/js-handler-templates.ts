/**
 * JavaScript handler templates: projects whose handler is JavaScript (or TypeScript, its types
 * stripped in the page: docs/decisions/0020), run by the runner
 * component (components/runner) that evaluates the project's `src/` files on each request, so an
 * edit answers without any build in the browser. Handlers are written as for the Spin JS SDK
 * (`addEventListener('fetch', …)` or `export default { fetch }`), with itty-router, hono and the
 * Spin SDK's `@spinframework/spin-kv`, `@spinframework/spin-sqlite` and `@spinframework/spin-variables`
 * importable by name.
 */
import runnerUrl from '../../../../components/runner/dist/runner.wasm?url';
import type { DraftFile, ProjectDraft } from '../project/project.ts';
import { SITE_RUNNER_DIGEST } from '../share/site-runner.ts';
import { registerSource } from './project-source.ts';
import { DownloadProgress, downloadBytes } from './download-progress.svelte.ts';

const ENTRY = 'src/index.js';

/** The runner with the project's `src/` mounted at `/`, where it looks for `/index.js`. */
function manifest(
  name: string,
  extra: { variables?: string; componentVariables?: string; typescript?: boolean } = {},
): string {
  const runs = extra.typescript
    ? '# The runner evaluates src/index.ts (and what it imports) on every request, as the JavaScript\n' +
      '# the playground strips its types into (src/index.js, written on deploy and in the export).'
    : '# The runner evaluates src/index.js (and what it imports) on every request.';
  return `spin_manifest_version = 2

[application]
name = "${name}"
version = "0.1.0"
${extra.variables ? `\n[variables]\n${extra.variables}\n` : ''}
[[trigger.http]]
route = "/..."
component = "handler"

${runs}
[component.handler]
source = "runner.wasm"
files = [{ source = "src", destination = "/" }]
key_value_stores = ["default"]
${extra.componentVariables ? `variables = ${extra.componentVariables}\n` : ''}`;
}

interface JsTemplate {
  id: string;
  title: string;
  description: string;
  manifest: string;
  files: Record<string, string>;
  variables?: Record<string, string>;
  /** Its GET changes data: it starts with re-send on deploy off (ProjectDraft.resendOnDeploy). */
  getChangesData?: true;
}

const TEMPLATES: JsTemplate[] = [
  {
    id: 'js:hello',
    title: 'JavaScript handler',
    description: 'A Spin JS handler in plain JavaScript: edit it and send a request, no build.',
    manifest: manifest('hello-js'),
    files: {
      [ENTRY]: `// A Spin HTTP handler, as the Spin JS SDK writes it. Edit it: the next request runs the new code.
addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  event.respondWith(
    new Response(\`Hello from JavaScript at \${url.pathname}!\\n\`, {
      headers: { 'content-type': 'text/plain; charset=utf-8' },
    }),
  );
});
`,
    },
  },
  {
    id: 'js:itty-router',
    title: 'JSON API (itty-router)',
    description: "A JSON API with itty-router, as the Spin JS SDK's http-ts template has it.",
    manifest: manifest('json-api'),
    files: {
      [ENTRY]: `import { AutoRouter } from 'itty-router';
import { greeting } from './greeting.js';

const router = AutoRouter();

router
  .get('/', () => ({ message: greeting('Spin') }))
  .get('/hello/:name', ({ name }) => ({ message: greeting(name) }))
  .post('/echo', async (request) => ({ received: await request.json() }));

addEventListener('fetch', (event) => event.respondWith(router.fetch(event.request)));
`,
      'src/greeting.js': `export function greeting(name) {
  return \`Hello, \${name}!\`;
}
`,
    },
  },
  {
    id: 'ts:itty-router',
    title: 'TypeScript (itty-router)',
    description:
      "A typed JSON API with itty-router, as the Spin JS SDK's http-ts template writes it; types stripped in the page.",
    manifest: manifest('typescript-api', { typescript: true }),
    files: {
      'src/index.ts': `// A Spin HTTP handler in TypeScript. The playground strips the types on each deploy, keeping
// every line and column, so errors point here. Edit it: the next request runs the new code.
import { AutoRouter, type IRequest } from 'itty-router';
import { greet, type Greeting } from './greeting.ts';

const router = AutoRouter();

router
  .get('/', (): Greeting => greet('Spin'))
  .get('/hello/:name', ({ name }: IRequest): Greeting => greet(name))
  .post('/echo', async (request: IRequest) => ({ received: (await request.json()) as unknown }));

addEventListener('fetch', (event: FetchEvent) => {
  event.respondWith(router.fetch(event.request));
});
`,
      'src/greeting.ts': `export interface Greeting {
  message: string;
}

export function greet(name: string): Greeting {
  return { message: \`Hello, \${name}!\` };
}
`,
    },
  },
  {
    id: 'js:hono',
    title: 'Hono',
    description: 'A Hono app, served as the default export.',
    manifest: manifest('hono-app'),
    files: {
      [ENTRY]: `import { Hono } from 'hono';

const app = new Hono();

app.get('/', (c) => c.text('Hello from Hono!'));
app.get('/json/:id', (c) => c.json({ id: c.req.param('id') }));

export default app;
`,
    },
  },
  {
    id: 'js:kv-counter',
    title: 'Key-value counter',
    description: "Counts requests per path in Spin's key-value store, with @spinframework/spin-kv.",
    manifest: manifest('kv-counter-js'),
    getChangesData: true,
    files: {
      [ENTRY]: `import { openDefault } from '@spinframework/spin-kv';

export default {
  async fetch(request) {
    const store = openDefault();
    const key = \`count:\${new URL(request.url).pathname}\`;
    const count = (store.getJson(key) ?? 0) + 1;
    store.setJson(key, count);
    return Response.json({ key, count });
  },
};
`,
    },
  },
  {
    id: 'js:variables',
    title: 'Variables',
    description: 'Reads application variables with @spinframework/spin-variables; set them in Variables.',
    manifest: manifest('variables-js', {
      variables: 'greeting = { default = "Hello" }\nwho = { required = true }',
      componentVariables: '{ greeting = "{{ greeting }}", who = "{{ who }}" }',
    }),
    variables: { who: 'world' },
    files: {
      [ENTRY]: `import * as variables from '@spinframework/spin-variables';

addEventListener('fetch', (event) => {
  const text = \`\${variables.get('greeting')}, \${variables.get('who')}!\\n\`;
  event.respondWith(new Response(text, { headers: { 'content-type': 'text/plain' } }));
});
`,
    },
  },
];

/** The runner's download, shown while a first JavaScript project is created (a build without its digest). */
export const runnerDownload = new DownloadProgress();

let runner: Promise<Uint8Array> | undefined;
function runnerBytes(): Promise<Uint8Array> {
  runner ??= downloadBytes(runnerUrl, runnerDownload).catch((error: unknown) => {
    runner = undefined; // The next try downloads again.
    throw error;
  });
  return runner;
}

/**
 * The project's copy of the runner: by reference where the build knows its digest, so a new
 * project (a first visit's starter above all) deploys at once from the site's published runner
 * without downloading 14 MiB it does not need; otherwise its bytes.
 */
async function runnerFile(): Promise<DraftFile> {
  if (SITE_RUNNER_DIGEST) return { path: 'runner.wasm', siteRunner: SITE_RUNNER_DIGEST };
  return { path: 'runner.wasm', bytes: await runnerBytes() };
}

async function project(template: JsTemplate): Promise<ProjectDraft> {
  return {
    name: /^name = "([^"]+)"/m.exec(template.manifest)![1]!,
    files: [
      { path: 'spin.toml', text: template.manifest },
      ...Object.entries(template.files).map(([path, text]) => ({ path, text })),
      await runnerFile(),
    ],
    open: Object.keys(template.files)[0] ?? ENTRY,
    ...(template.variables ? { variables: template.variables } : {}),
    ...(template.getChangesData ? { resendOnDeploy: false as const } : {}),
  };
}

/** Registers the JavaScript handler templates (first: they are what most people start from). */
export function registerJsHandlerTemplates(): void {
  for (const template of TEMPLATES) {
    registerSource({
      id: template.id,
      title: template.title,
      description: template.description,
      group: 'template',
      input: { kind: 'none' },
      create: () => project(template),
    });
  }
}
