/**
 * A Spin 1 HTTP module (components/fixtures/spin1-http: a real core module with Spin 1's
 * inbound-http ABI and a version 1 manifest) deployed and served the way the host does it:
 * checked and stored by transpileComponent, loaded, instantiated fresh per request with its
 * deadline, and answered through the executor.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { builtFile } from '../built-components.test-helper.ts';
import type { InProcessServer } from './instance/app-outbound.ts';
import type { AppDefinition } from '../apps/app-definition.ts';
import type { AppStore } from '../apps/app-store.ts';
import { DeployedApp } from '../apps/deployed-app.ts';
import { transpileComponent } from '../component/transpile-component.ts';
import { SwerveError } from '../errors.ts';
import { WasmExecutor } from './wasm-executor.ts';
import { responseOf } from './guest-executor.ts';

const MANIFEST = builtFile('fixtures/spin1-http/spin.toml');
const MODULE = builtFile('fixtures/spin1-http/dist/spin1-http.wasm');

const unused = async (): Promise<Response> => {
  throw new Error('not called');
};
const server: InProcessServer = { handle: unused, handleChained: unused };

async function served(requestTimeoutMs?: number) {
  const transpiled = await transpileComponent(MODULE, 'spin1-http/spin1-http');
  const store = { artifacts: async () => transpiled } as unknown as AppStore;
  const definition: AppDefinition = {
    name: 'spin1-http',
    mount: '/',
    manifestText: new TextDecoder().decode(MANIFEST),
    manifestFile: 'spin.toml',
    variables: {},
    keyValueStores: [],
    components: { 'spin1-http': { kind: 'stored', version: 'spin1-test' } },
    files: {},
    origin: 'deployed',
    deployedAt: 0,
    ...(requestTimeoutMs ? { requestTimeoutMs } : {}),
  };
  const app = DeployedApp.prepare(definition).app;
  const executor = new WasmExecutor(store);
  const stderr: string[] = [];
  const serve = (method: string, path: string, headers: [string, string][] = [], body?: string) =>
    executor
      .execute({
        app,
        component: app.components.get('spin1-http')!,
        request: {
          url: `https://spin1.example${path}`,
          method,
          headers,
          body: body === undefined ? null : new Response(body).body,
        },
        sinks: { stdout: () => {}, stderr: (line) => stderr.push(line), warn: () => {} },
        server,
        onLateFailure: () => {},
      })
      .then(responseOf);
  return { serve, stderr };
}

describe('a Spin 1 HTTP module', () => {
  // The instance's outbound HTTP is addressed from the worker's origin.
  beforeEach(() => vi.stubGlobal('self', { location: { origin: 'https://spin1.example' } }));
  afterEach(() => vi.unstubAllGlobals());

  it('is stored as its instrumented core module, with the marker that stands for glue', async () => {
    const transpiled = await transpileComponent(MODULE, 'spin1-http/spin1-http');
    expect(Object.keys(transpiled.coreModules)).toEqual(['spin1.core.wasm']);
    const exports = WebAssembly.Module.exports(
      new WebAssembly.Module(transpiled.coreModules['spin1.core.wasm'] as Uint8Array<ArrayBuffer>),
    );
    expect(exports.map((entry) => entry.name)).toContain('swerve:deadline');
  });

  it('gets the method, uri, headers, body and its config, and its answer reaches the client', async () => {
    const { serve, stderr } = await served();
    const response = await serve('POST', '/items?id=7', [['x-test', 'forty-two']], 'the body');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/plain');
    expect(response.headers.get('x-spin1-method')).toBe('POST');
    expect(await response.text()).toBe(
      'POST /items?id=7\nx-test: forty-two\ngreeting: hello from spin-config\n\nthe body',
    );
    expect(stderr).toEqual(['spin1-http: handled a request']);
  });

  it('sends the length of its whole body, as Spin does', async () => {
    const { serve } = await served();
    const response = await serve('GET', '/');
    const body = await response.text();
    expect(response.headers.get('content-length')).toBe(String(new TextEncoder().encode(body).byteLength));
  });

  it('answers 405 to a method Spin 1 cannot pass, without running the guest', async () => {
    const { serve, stderr } = await served();
    const response = await serve('TRACE', '/');
    expect(response.status).toBe(405);
    expect(stderr).toEqual([]);
  });

  it('is stopped at its deadline when its handler never returns', async () => {
    const { serve } = await served(200);
    const failure = await serve('GET', '/loop').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(SwerveError);
    expect((failure as SwerveError).code).toBe('deadline-exceeded');
  });
});
