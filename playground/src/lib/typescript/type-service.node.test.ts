import { describe, expect, it } from 'vitest';
import {
  LIB_DIRECTORY,
  RUNNER_TYPES_DIRECTORY,
  TYPE_LIBRARY_LIBS,
  typeLibrary,
} from '../../../type-library.ts';
import { TypeService, type ServiceFile } from './type-service.ts';

// One service for every test, as the editor's worker keeps one: TypeScript's libraries are parsed once.
const shared = new TypeService(typeLibrary(), TYPE_LIBRARY_LIBS, LIB_DIRECTORY, RUNNER_TYPES_DIRECTORY);

function serviceWith(files: ServiceFile[]): TypeService {
  shared.setFiles(files);
  return shared;
}

const messages = (service: TypeService, path: string) => service.diagnostics(path).map((d) => d.message);

/** The TypeScript template's handler (lib/sources/js-handler-templates.ts), as users start from it. */
const ittyHandler = `import { AutoRouter, type IRequest } from 'itty-router';
import { greet, type Greeting } from './greeting.ts';

const router = AutoRouter();

router
  .get('/', (): Greeting => greet('Spin'))
  .get('/hello/:name', ({ name }: IRequest): Greeting => greet(name))
  .post('/echo', async (request: IRequest) => ({ received: (await request.json()) as unknown }));

addEventListener('fetch', (event: FetchEvent) => {
  event.respondWith(router.fetch(event.request));
});
`;
const greeting = `export interface Greeting {
  message: string;
}

export function greet(name: string): Greeting {
  return { message: \`Hello, \${name}!\` };
}
`;

// The first check parses TypeScript's libraries (1.3 MB), seconds on a loaded machine.
describe('the editor’s TypeScript service', { timeout: 30_000 }, () => {
  it('checks the TypeScript template clean: itty-router, a module of its own and the fetch event', () => {
    const service = serviceWith([
      { path: 'src/index.ts', text: ittyHandler },
      { path: 'src/greeting.ts', text: greeting },
    ]);
    expect(messages(service, 'src/index.ts')).toEqual([]);
    expect(messages(service, 'src/greeting.ts')).toEqual([]);
  });

  it('knows the runner’s modules: Spin’s key-value, variables and SQLite, Hono and its middleware', () => {
    const text = `import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { HTTPException } from 'hono/http-exception';
import { openDefault } from '@spinframework/spin-kv';
import { get } from '@spinframework/spin-variables';
import * as sqlite from '@spinframework/spin-sqlite';

const app = new Hono();
app.use(cors());
app.get('/:id', (c) => {
  const count: number = (openDefault().getJson('count') ?? 0) + 1;
  const rows = sqlite.openDefault().execute('SELECT ?', [count]).rows;
  if (!get('greeting')) throw new HTTPException(500);
  return c.json({ id: c.req.param('id'), count, rows: rows.length });
});
export default app;
`;
    expect(messages(serviceWith([{ path: 'src/index.ts', text }]), 'src/index.ts')).toEqual([]);
  });

  it('reports a type error with where it is, and an import the runner does not ship', () => {
    const text = `import { jsx } from 'hono/jsx';
import { openDefault } from '@spinframework/spin-kv';
const count: number = openDefault().exists('x');
`;
    const service = serviceWith([{ path: 'src/index.ts', text }]);
    const diagnostics = service.diagnostics('src/index.ts');
    expect(diagnostics.map((d) => d.message)).toEqual([
      expect.stringContaining("Cannot find module 'hono/jsx'"),
      "Type 'boolean' is not assignable to type 'number'.",
    ]);
    const typeError = diagnostics[1]!;
    expect(text.slice(typeError.from, typeError.to)).toBe('count');
    expect(typeError.severity).toBe('error');
  });

  it('completes a spin-kv store’s methods and names their types', () => {
    const text = `import { openDefault } from '@spinframework/spin-kv';\nconst store = openDefault();\nstore.get`;
    const service = serviceWith([{ path: 'src/index.ts', text }]);
    const completions = service.completions('src/index.ts', text.length)!;
    expect(completions.options.map((o) => o.label)).toEqual(
      expect.arrayContaining(['get', 'getJson', 'getKeys', 'set', 'setJson', 'exists', 'delete']),
    );
    expect(text.slice(completions.from, completions.to)).toBe('get');
    const info = service.completionInfo('src/index.ts', text.length, 'getJson')!;
    expect(info.signature).toBe('(method) Store.getJson(key: string): any');
    expect(info.documentation).toBe('The value parsed as JSON, or null for a missing key.');
  });

  it('completes the request’s members in a handler', () => {
    const text = `export default {\n  fetch(request: Request) {\n    return new Response(request.he`;
    const service = serviceWith([{ path: 'src/index.ts', text }]);
    const labels = service.completions('src/index.ts', text.length)!.options.map((o) => o.label);
    expect(labels).toEqual(expect.arrayContaining(['headers', 'method', 'url', 'json']));
  });

  it('shows what a name is on hover, with its documentation', () => {
    const text = `import { openDefault } from '@spinframework/spin-kv';\nopenDefault();\n`;
    const service = serviceWith([{ path: 'src/index.ts', text }]);
    const at = text.lastIndexOf('openDefault') + 3;
    const hover = service.hover('src/index.ts', at)!;
    expect(hover.signature).toBe('(alias) openDefault(): Store\nimport openDefault');
    expect(hover.documentation).toBe('The store `default`.');
    expect(text.slice(hover.from, hover.to)).toBe('openDefault');
  });

  it('types an unannotated fetch listener’s event as the runner calls it', () => {
    const text =
      "addEventListener('fetch', (event) => event.respondWith(new Response(event.request.url)));\n";
    const service = serviceWith([{ path: 'src/index.ts', text }]);
    expect(messages(service, 'src/index.ts')).toEqual([]);
    expect(service.hover('src/index.ts', text.indexOf('event'))!.signature).toBe(
      '(parameter) event: FetchEvent',
    );
  });

  it('sees a file’s new text after setFiles', () => {
    const service = serviceWith([{ path: 'src/index.ts', text: 'const a: string = 1;\n' }]);
    expect(messages(service, 'src/index.ts')).toHaveLength(1);
    service.setFiles([{ path: 'src/index.ts', text: "const a: string = '1';\n" }]);
    expect(messages(service, 'src/index.ts')).toEqual([]);
  });
});
