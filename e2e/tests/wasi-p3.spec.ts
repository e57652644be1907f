/**
 * WASI 0.3 (Spin 4's default platform): a component exporting wasi:http/handler@0.3.0, built by
 * the pipeline from hand-written WAT (components/fixtures/http-p3), deployed from a page of ours
 * and served by the host's WASI 0.3 side (sw-host/src/wasi/http-p3/) with instances reused as
 * Spin 4 reuses them (docs/decisions/0018-wasi-0-3.md). The fixture says in a header how many
 * requests its instance has served and echoes Spin's `spin-full-url`; `/echo` answers with the
 * request's body, `/print` writes to stdout, and it loops (`/loop`) or traps (`/trap`) on request.
 */
import type { Page } from '@playwright/test';
import { resolve } from 'node:path';
import { appOrigin, withHost } from '../fixtures/app-hosts.ts';
import { deployApp, serveTestFiles } from '../fixtures/deploy.ts';
import { expect, test } from '../fixtures/swerve.ts';

const COMPONENTS_DIR = resolve(import.meta.dirname, '../../components');

const MANIFEST = `spin_manifest_version = 2
[application]
name = "p3"
[[trigger.http]]
route = "/..."
component = "api"
[component.api]
source = "api.wasm"
`;

const DEADLINE_MS = 1000;

interface Answer {
  status: number;
  body: string;
  /** The fixture's x-instance-requests: which request of its instance this was. */
  count: number;
  /** The request's spin-full-url header, as the guest saw it. */
  fullUrl: string | null;
}

/** Sends GET `paths` to app `p3` one after the other, from inside the page. */
function getInTurn(page: Page, paths: string[]): Promise<Answer[]> {
  return withHost(
    page,
    'p3',
    async (host, paths) => {
      const answers = [];
      for (const path of paths) {
        const response = await host.fetch(path);
        answers.push({
          status: response.status,
          body: await response.text(),
          count: Number(response.headers.get('x-instance-requests') ?? NaN),
          fullUrl: response.headers.get('x-spin-full-url'),
        });
      }
      return answers;
    },
    paths,
  );
}

// The rest of the component in the host, through `@swerve/playwright`:
// e2e/app-tests/wasi-p3.spec.ts. These need the worker's console line, which carries the
// number of the request the instance was serving (the kit's log lines do not), and 40 requests in
// flight together, sent by one page in one go (separate `app.fetch` calls may finish one before
// the next starts, and a finished request frees its place in the instance).
test.describe('a WASI 0.3 HTTP component in the host', () => {
  test.beforeEach(async ({ hostPage }) => {
    await serveTestFiles(hostPage);
    const outcome = await deployApp(hostPage, {
      manifest: MANIFEST,
      files: { 'api.wasm': { built: 'fixtures/http-p3/dist/http-p3.wasm' } },
      requestTimeoutMs: DEADLINE_MS,
    });
    expect(outcome.ok, JSON.stringify(outcome)).toBe(true);
  });

  test('what the guest writes to stdout is logged with the request its instance was serving', async ({
    hostPage,
    workerLogs,
  }) => {
    const answers = await getInTurn(hostPage, ['/', '/print']);
    expect(answers.map(({ status, count }) => [status, count])).toEqual([
      [200, 1],
      [200, 2],
    ]);
    await expect
      .poll(() => workerLogs.filter((line) => line.includes('wasi 0.3 says hello on stdout')))
      .toEqual(['[service worker log] [swerve] p3/api #2 wasi 0.3 says hello on stdout']);
  });

  test('requests sent at once are all answered, spread over instances that take 16 at a time', async ({
    hostPage,
  }) => {
    const answers = await withHost(
      hostPage,
      'p3',
      async (host, paths) =>
        Promise.all(
          paths.map(async (path) => {
            const response = await host.fetch(path);
            return {
              status: response.status,
              body: await response.text(),
              count: Number(response.headers.get('x-instance-requests')),
              fullUrl: response.headers.get('x-spin-full-url'),
            };
          }),
        ),
      Array.from({ length: 40 }, (_, i) => `/at-once/${i}`),
    );
    answers.forEach((answer, i) =>
      expect(answer).toEqual({
        status: 200,
        body: 'hello from wasi 0.3\n',
        count: expect.any(Number),
        fullUrl: `${appOrigin('p3')}/at-once/${i}`,
      }),
    );
    // Each instance numbers its requests 1, 2, 3, ...: together the counts are runs from 1 with
    // no gaps, however many instances the requests were spread over.
    const counts = answers.map((answer) => answer.count).sort((a, b) => a - b);
    const perNumber = new Map<number, number>();
    for (const count of counts) perNumber.set(count, (perNumber.get(count) ?? 0) + 1);
    for (const [count, times] of perNumber) {
      if (count > 1) expect(times).toBeLessThanOrEqual(perNumber.get(count - 1)!);
    }
    // All 40 are in flight together (each holds its instance until its body is read): the
    // first instance takes 16, and the rest go to new ones, 16 at a time.
    expect(Math.max(...counts)).toBe(16);
    expect(perNumber.get(1)).toBe(3);
  });
});

test('a WASI 0.3 component that writes with a blocking stream.write is refused at deploy, saying why and what to do', async ({
  hostPage,
  hostFetch,
}) => {
  await serveTestFiles(hostPage);
  const outcome = await deployApp(hostPage, {
    key: 'p3-sync',
    manifest: MANIFEST,
    files: { 'api.wasm': { built: 'fixtures/http-p3-sync-write/dist/http-p3-sync-write.wasm' } },
  });
  expect(outcome).toMatchObject({ ok: false, code: 'component-invalid' });
  expect(!outcome.ok && outcome.error).toContain(
    'p3/api writes a stream with a blocking (synchronous) stream.write, which Swerve cannot run yet',
  );
  // The refused app is not served.
  expect((await hostFetch('/apps/p3-sync/')).status).toBe(404);
});

/**
 * What the toolchain does today, outside Swerve's host: the pipeline's transpile of the fixture
 * (jco-transpile 0.15.0's generator, with the very options the host uses) evaluated in a plain
 * page with @bytecodealliance/preview3-shim 0.7.0's browser wasi:http/types and stdout as its
 * imports: the pieces the host's WASI 0.3 side is built from (decision 0018).
 */
test.describe('the WASI 0.3 toolchain in Chromium, outside the host', () => {
  const ORIGIN = 'http://wasi-p3.test';

  /** Serves the fixture's transpiled files and preview3-shim (bundled for the page) at ORIGIN. */
  async function servePieces(page: Page, component: string): Promise<void> {
    const shim = await bundlePreview3Http();
    const transpiled = resolve(COMPONENTS_DIR, `fixtures/${component}/dist/${component}.transpiled`);
    await page.route(`${ORIGIN}/**`, (route) => {
      const path = new URL(route.request().url()).pathname.slice(1);
      if (path === '')
        return route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>p3</title>' });
      if (path === 'preview3-http.js') return route.fulfill({ contentType: 'text/javascript', body: shim });
      const contentType = path.endsWith('.wasm') ? 'application/wasm' : 'text/javascript';
      return route.fulfill({ contentType, path: resolve(transpiled, path) });
    });
    await page.goto(`${ORIGIN}/`);
  }

  /** Instantiates the component in the page, calls its handler once and reads the response. */
  function handleOnce(page: Page) {
    return page.evaluate(async () => {
      const { types, stdout } = await import('/preview3-http.js' as string);
      const { instantiate } = await import('/component.js' as string);
      const modules: Record<string, WebAssembly.Module> = {};
      for (const name of ['component.core.wasm', 'component.core2.wasm', 'component.core3.wasm'])
        modules[name] = await WebAssembly.compileStreaming(fetch(`/${name}`));
      const component = await instantiate((name: string) => modules[name], {
        'wasi:http/types': types,
        'wasi:cli/stdout': stdout,
      });
      const answers = [];
      // Twice on one instance: reuse, as Spin 4 reuses WASI 0.3 instances.
      for (let i = 0; i < 2; i++) {
        const ok = Promise.resolve({ tag: 'ok', val: undefined });
        const [request] = types.Request.new(new types.Fields(), undefined, ok, undefined);
        const response = await component.handler.handle(request);
        const [body, trailers] = types.Response.consumeBody(response, ok);
        const bytes: number[] = [];
        for (;;) {
          const { value, done } = await body.read();
          if (done) break;
          bytes.push(...value);
        }
        answers.push({
          status: response.getStatusCode(),
          body: new TextDecoder().decode(new Uint8Array(bytes)),
          trailers: await trailers,
        });
      }
      return answers;
    });
  }

  test('jco transpiles the WASI 0.3 handler and its glue answers 200 with the body, twice on one instance', async ({
    page,
  }) => {
    await servePieces(page, 'http-p3');
    const answers = await handleOnce(page);
    const expected = { status: 200, body: 'hello from wasi 0.3\n', trailers: { tag: 'ok' } };
    expect(answers).toEqual([expected, expected]);
  });

  test('jco 1.35 + Chromium 156: a WASI 0.3 handler that writes its body with a synchronous stream.write never answers', async ({
    page,
  }) => {
    await servePieces(page, 'http-p3-sync-write');
    // The write is a JSPI suspension in the glue; the task never resumes. Outside Playwright's
    // harness (chromium --no-sandbox, no DevTools protocol timeouts) the page crashes instead.
    const crashed = new Promise<string>((resolve) => page.on('crash', () => resolve('the page crashed')));
    const waited = new Promise<string>((resolve) =>
      setTimeout(() => resolve('no answer after 10 s'), 10_000),
    );
    const outcome = await Promise.race([
      crashed,
      waited,
      handleOnce(page).then(
        (answers) => `answered ${JSON.stringify(answers)}`,
        (error: Error) => `failed: ${error.message}`,
      ),
    ]);
    // When this fails, the limitation is gone: the sync-write variant answers (or fails cleanly).
    expect(['no answer after 10 s', 'the page crashed']).toContain(outcome);
  });
});

/** preview3-shim's browser wasi:http and stdout (and the preview2-shim they wrap) as one ES module. */
async function bundlePreview3Http(): Promise<string> {
  const { build } = await import('rolldown');
  const result = await build({
    input: 'virtual-entry',
    platform: 'browser',
    write: false,
    plugins: [
      {
        name: 'entry',
        resolveId: (id) => (id === 'virtual-entry' ? id : null),
        load: (id) =>
          id === 'virtual-entry'
            ? "export { types } from '@bytecodealliance/preview3-shim/http';\n" +
              "export { stdout } from '@bytecodealliance/preview3-shim/cli';"
            : null,
      },
    ],
    output: { format: 'esm' },
  });
  return result.output[0].code;
}
