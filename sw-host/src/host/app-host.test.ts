import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AppDefinition } from '../apps/app-definition.ts';
import type { AppStore } from '../apps/app-store.ts';
import { DeployedApp } from '../apps/deployed-app.ts';
import { SwerveError } from '../errors.ts';
import {
  emptyReport,
  type GuestExecutor,
  type GuestOutcome,
  type GuestReport,
  type GuestRun,
} from '../runtime/guest-executor.ts';
import { AppHost } from './app-host.ts';

const MANIFEST = `spin_manifest_version = 2
[application]
name = "shop"

[[trigger.http]]
route = "/api/..."
component = "api"

[[trigger.http]]
route = "/static"
static_response = { status_code = 201, headers = { x-from = "manifest" }, body = "made" }

[component.api]
source = "api.wasm"
`;

const definition: AppDefinition = {
  name: 'shop',
  mount: '/',
  manifestText: MANIFEST,
  manifestFile: 'spin.toml',
  variables: {},
  keyValueStores: [],
  components: { api: { kind: 'stored', version: 'v1' } },
  files: {},
  origin: 'deployed',
  deployedAt: 0,
};

const emptyStore = { definitions: async () => [], saveDefinition: async () => {} } as unknown as AppStore;

/** An executor that records what it is asked to run and answers as told. */
class FakeExecutor implements GuestExecutor {
  readonly runs: GuestRun[] = [];
  /** The run's response, or its failure thrown; `report` is what the run reports either way. */
  answer: (run: GuestRun, report: GuestReport) => Promise<Response> = async () =>
    new Response('from the guest');

  async execute(run: GuestRun): Promise<GuestOutcome> {
    this.runs.push(run);
    const report = emptyReport();
    try {
      return { response: await this.answer(run, report), report };
    } catch (error) {
      return { error, report };
    }
  }

  preload(): void {}
}

describe('AppHost with a fake executor', () => {
  const app = DeployedApp.prepare(definition).app;
  let executor: FakeExecutor;
  let host: AppHost;

  beforeEach(() => {
    vi.spyOn(console, 'log').mockImplementation(() => {});
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    vi.spyOn(console, 'error').mockImplementation(() => {});
    executor = new FakeExecutor();
    host = new AppHost('http://shop.swerve.localhost:4173', emptyStore, executor);
  });
  afterEach(() => vi.restoreAllMocks());

  const send = (path: string, init?: RequestInit) =>
    host.handle(new Request(`http://shop.swerve.localhost:4173${path}`, init), app, path);

  it("hands the matched component the request as it sees it, with Spin's headers, and records the run", async () => {
    executor.answer = async (run, report) => {
      report.instantiateMs = 1.5;
      report.handleMs = 2;
      run.sinks.stdout('hello from stdout');
      return new Response('from the guest', { status: 202 });
    };
    const response = await send('/api/items/7?full=1', { method: 'POST', body: 'payload' });
    expect(response.status).toBe(202);
    expect(await response.text()).toBe('from the guest');

    const [run] = executor.runs;
    expect(run!.component.id).toBe('api');
    expect(run!.app).toBe(app);
    const inner = run!.request;
    const headers = new Map(inner.headers);
    expect(inner.method).toBe('POST');
    expect(new URL(inner.url).pathname).toBe('/api/items/7');
    expect(headers.get('spin-path-info')).toBe('/items/7');
    expect(headers.get('spin-raw-component-route')).toBe('/api/...');
    expect(headers.get('spin-full-url')).toBe('http://shop.swerve.localhost:4173/api/items/7?full=1');
    expect(await new Response(inner.body).text()).toBe('payload');

    const [record] = host.events.requests.since();
    expect(record).toMatchObject({ app: 'shop', component: 'api', status: 202, path: '/api/items/7?full=1' });
    expect(record!.timings).toMatchObject({ instantiateMs: 1.5, handleMs: 2 });
    const [line] = host.events.logs.since();
    expect(line).toMatchObject({
      source: 'stdout',
      component: 'api',
      requestId: record!.id,
      message: 'hello from stdout',
    });
  });

  it('answers a static_response route from the router target, without the executor', async () => {
    const response = await send('/static');
    expect(response.status).toBe(201);
    expect(response.headers.get('x-from')).toBe('manifest');
    expect(await response.text()).toBe('made');
    expect(executor.runs).toHaveLength(0);
  });

  it('answers well-known and unmatched paths itself', async () => {
    expect(await (await send('/.well-known/spin/health')).text()).toBe('OK');
    expect((await send('/nowhere')).status).toBe(404);
    expect(executor.runs).toHaveLength(0);
    expect(host.events.logs.since().at(-1)).toMatchObject({
      level: 'warn',
      message: 'No route matches /nowhere.',
    });
  });

  it('turns a guest past its deadline into a 504 and a failed guest into a 500, logged, and serves on', async () => {
    executor.answer = async (_run, report) => {
      report.handleMs = 1000;
      throw new SwerveError('deadline-exceeded', 'shop/api was stopped: its deadline of 1 s passed');
    };
    expect((await send('/api/slow')).status).toBe(504);
    expect(host.events.requests.since().at(-1)).toMatchObject({ status: 504, timings: { handleMs: 1000 } });
    expect(host.events.logs.since().at(-1)).toMatchObject({
      level: 'error',
      message: 'GET /api/slow answered 504: shop/api was stopped: its deadline of 1 s passed',
    });

    executor.answer = async () => {
      throw new SwerveError('guest-failed', 'shop/api failed: the component trapped');
    };
    expect((await send('/api/trap')).status).toBe(500);

    executor.answer = async () => new Response('fine');
    expect(await (await send('/api/ok')).text()).toBe('fine');
  });

  it('records the outbound calls its guest reported, as they were when the response began', async () => {
    const later = { method: 'GET', url: '/late', target: 'self', at: 3, durationMs: 1, status: 200 } as const;
    let report!: GuestReport;
    executor.answer = async (_run, given) => {
      report = given;
      given.outbound = {
        calls: [
          {
            method: 'GET',
            url: 'https://api.example.com/',
            target: 'network',
            at: 1,
            durationMs: 4,
            status: 200,
          },
          {
            method: 'GET',
            url: 'https://evil.example.com/',
            at: 2,
            durationMs: 0,
            denied: true,
            error: 'denied',
          },
        ],
        omitted: 7,
      };
      return new Response('ok');
    };
    await send('/api/calls');
    report.outbound!.calls.push(later);
    const record = host.events.requests.since().at(-1)!;
    expect(record.outbound?.omitted).toBe(7);
    expect(record.outbound?.calls.map((call) => call.url)).toEqual([
      'https://api.example.com/',
      'https://evil.example.com/',
    ]);

    executor.answer = async () => new Response('none');
    await send('/api/none');
    expect(host.events.requests.since().at(-1)).not.toHaveProperty('outbound');
  });
});
