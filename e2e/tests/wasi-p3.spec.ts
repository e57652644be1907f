/**
 * WASI 0.3 (Spin 4's default platform): a component exporting wasi:http/handler@0.3.0, built by
 * the pipeline from hand-written WAT (components/fixtures/http-p3), is refused at deploy with an
 * error that says what it is, why Swerve cannot run it yet and how to build one it can run
 * (docs/decisions/0018-wasi-0-3.md). Nothing of the app is deployed.
 */
import type { Page } from '@playwright/test';
import { resolve } from 'node:path';
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

test('a WASI 0.3 HTTP component is refused at deploy, saying it is a Spin 4 component and what to build instead', async ({
  hostPage,
  hostFetch,
}) => {
  await serveTestFiles(hostPage);
  const outcome = await deployApp(hostPage, {
    manifest: MANIFEST,
    files: { 'api.wasm': { built: 'fixtures/http-p3/dist/http-p3.wasm' } },
  });
  expect(outcome).toMatchObject({ ok: false, code: 'component-invalid' });
  expect(!outcome.ok && outcome.error).toContain(
    'p3/api exports wasi:http/handler@0.3.0, a WASI 0.3 HTTP component (what Spin 4 builds by default',
  );
  expect(!outcome.ok && outcome.error).toContain(
    "Build the component for WASI 0.2: with Spin's http-rust-p2 template for Rust",
  );
  // The refused app is not served.
  expect((await hostFetch('/apps/p3/')).status).toBe(404);
});

/**
 * What the toolchain does today, outside Swerve's host: the pipeline's transpile of the fixture
 * (jco-transpile 0.15.0's generator, with the very options the host uses) evaluated in a plain
 * page with @bytecodealliance/preview3-shim 0.7.0's browser wasi:http/types as its only import.
 * These are the pieces a WASI 0.3 host side would be built from (decision 0018).
 */
test.describe('the WASI 0.3 toolchain in Chromium, outside the host', () => {
  const ORIGIN = 'http://wasi-p3.test';

  /** Serves the fixture's transpiled files and preview3-shim (bundled for the page) at ORIGIN. */
  async function servePieces(page: Page, component: string): Promise<void> {
    const shim = await bundlePreview3Http();
    const transpiled = resolve(COMPONENTS_DIR, `fixtures/http-p3/dist/${component}.transpiled`);
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
      const { types } = await import('/preview3-http.js' as string);
      const { instantiate } = await import('/component.js' as string);
      const modules: Record<string, WebAssembly.Module> = {};
      for (const name of ['component.core.wasm', 'component.core2.wasm', 'component.core3.wasm'])
        modules[name] = await WebAssembly.compileStreaming(fetch(`/${name}`));
      const component = await instantiate((name: string) => modules[name], { 'wasi:http/types': types });
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

/** preview3-shim's browser wasi:http (and the preview2-shim it wraps) as one ES module. */
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
          id === 'virtual-entry' ? "export { types } from '@bytecodealliance/preview3-shim/http';" : null,
      },
    ],
    output: { format: 'esm' },
  });
  return result.output[0].code;
}
