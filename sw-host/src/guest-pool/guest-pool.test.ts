import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AppDefinition } from '../apps/app-definition.ts';
import type { AppComponent, DeployedApp } from '../apps/deployed-app.ts';
import { SwerveError } from '../errors.ts';
import type { GuestAnswer, GuestCall } from './messages.ts';
import { emptyReport, responseOf, type GuestExecutor, type GuestRun } from '../runtime/guest-executor.ts';
import { GuestPool, type PoolOwner } from './guest-pool.ts';
import type { GuestPort } from './guest-port.ts';

/** A guest worker's port whose answers the test writes. */
class FakePort implements GuestPort {
  readonly calls: GuestCall[] = [];
  closed = false;
  #listener: ((answer: GuestAnswer) => void) | undefined;

  post(call: GuestCall): void {
    this.calls.push(call);
  }
  listen(listener: (answer: GuestAnswer) => void): void {
    this.#listener = listener;
  }
  close(): void {
    this.closed = true;
  }
  answer(answer: GuestAnswer): void {
    this.#listener!(answer);
  }
  runIds(): number[] {
    return this.calls.flatMap((call) => (call.kind === 'run' ? [call.runId] : []));
  }
  kinds(): string[] {
    return this.calls.map((call) => call.kind);
  }
}

class FakeOwner implements PoolOwner {
  open = true;
  readonly replaced: number[] = [];
  async alive(): Promise<boolean> {
    return this.open;
  }
  replace(index: number): void {
    this.replaced.push(index);
  }
}

const definition = { name: 'app', requestTimeoutMs: 1000 } as AppDefinition;
const app = { name: 'app', definition } as unknown as DeployedApp;
const component = {
  id: 'web',
  label: 'app/web',
  artifacts: { kind: 'stored', version: 'v' },
} as AppComponent;

function makeRun(init: { path?: string; body?: ReadableStream<Uint8Array> | null } = {}) {
  const logs: string[] = [];
  const late: SwerveError[] = [];
  const served: string[] = [];
  const run: GuestRun = {
    app,
    component,
    request: {
      url: `http://app.test${init.path ?? '/'}`,
      method: init.body ? 'POST' : 'GET',
      headers: [['spin-raw-component-route', '/...']],
      body: init.body ?? null,
    },
    sinks: {
      stdout: (line) => logs.push(`stdout: ${line}`),
      stderr: (line) => logs.push(`stderr: ${line}`),
      warn: (line) => logs.push(`warn: ${line}`),
    },
    server: {
      async handle(_request, _app, pathInApp) {
        served.push(pathInApp);
        return new Response(`self ${pathInApp}`);
      },
      async handleChained(_request, _app, componentId) {
        served.push(`chained ${componentId}`);
        return new Response('chained');
      },
    },
    onLateFailure: (error) => late.push(error),
  };
  return { run, logs, late, served };
}

/** An in-thread executor that answers every run with 200 "in thread". */
function inThread(): GuestExecutor & { runs: GuestRun[]; preloaded: string[] } {
  const runs: GuestRun[] = [];
  const preloaded: string[] = [];
  return {
    runs,
    preloaded,
    async execute(run) {
      runs.push(run);
      return { response: new Response('in thread'), report: emptyReport() };
    },
    preload(label) {
      preloaded.push(label);
    },
  };
}

function respond(port: FakePort, runId: number, text: string): void {
  port.answer({
    kind: 'response',
    runId,
    response: { status: 200, statusText: '', headers: [['x-from', 'guest']], body: new Response(text).body },
    report: { loadMs: 1, instantiateMs: 2, handleMs: 3, ranIn: 'swerve-guest-1' },
  });
}

let pool: GuestPool | undefined;
afterEach(() => {
  vi.useRealTimers();
  pool?.detachAll();
  pool = undefined;
});

describe('GuestPool', () => {
  it('runs guests in this thread while no page has attached workers', async () => {
    const local = inThread();
    pool = new GuestPool(local);
    const { run } = makeRun();
    expect(await (await pool.execute(run).then(responseOf)).text()).toBe('in thread');
    expect(local.runs).toEqual([run]);
  });

  it('sends each run to the least busy worker, and the app once per worker', async () => {
    const local = inThread();
    pool = new GuestPool(local);
    const ports = [new FakePort(), new FakePort()];
    pool.attach(new FakeOwner(), ports, 'page-1');
    expect(pool.workerCount).toBe(2);

    const first = pool.execute(makeRun().run).then(responseOf);
    const second = pool.execute(makeRun().run).then(responseOf);
    const [busyFirst, other] = ports as [FakePort, FakePort];
    const a = busyFirst.runIds()[0];
    // One run each: the second went to the idle worker. Each got the app once, then its run.
    expect(busyFirst.kinds()).toEqual(['app', 'run']);
    expect(other.kinds()).toEqual(['app', 'run']);

    respond(busyFirst, a!, 'one');
    respond(other, other.runIds()[0]!, 'two');
    expect(await (await first).text()).toBe('one');
    expect(await (await second).text()).toBe('two');
    expect(local.runs).toEqual([]);
    // Both know the component already: nobody is warmed.
    expect([...busyFirst.kinds(), ...other.kinds()]).not.toContain('warm');

    // The first is done; the second still streams or runs: the next run goes to the first.
    busyFirst.answer({ kind: 'done', runId: a! });
    void pool.execute(makeRun().run);
    expect(busyFirst.runIds()).toHaveLength(2);
    expect(other.runIds()).toHaveLength(1);
  });

  it("compiles a deployed component in the service worker's thread only while no pool is attached", () => {
    const executor = inThread();
    pool = new GuestPool(executor);
    const transpiled = { glue: '', coreModules: {} };
    pool.preload('app/alone', 'v1', transpiled);
    pool.attach(new FakeOwner(), [new FakePort(), new FakePort()], 'page-1');
    pool.preload('app/pooled', 'v2', transpiled);
    expect(executor.preloaded).toEqual(['app/alone']);
  });

  it.each([
    ['deployed with its bytes', { kind: 'stored', version: 'v', wasiP3: true }],
    ['prepared by swerve up', { kind: 'url', version: 'v', glue: '/g.js', coreModules: {}, wasiP3: true }],
  ])(
    'gives every run of a WASI 0.3 component (%s) to one worker, where its reused instances live',
    async (_, artifacts) => {
      pool = new GuestPool(inThread());
      const ports = [new FakePort(), new FakePort()];
      pool.attach(new FakeOwner(), ports, 'page-1');
      const p3 = { ...component, artifacts } as AppComponent;
      const runs = [0, 1, 2].map(() => pool!.execute({ ...makeRun().run, component: p3 }).then(responseOf));
      expect(ports[0]!.runIds()).toHaveLength(3);
      expect(ports[1]!.kinds()).toEqual([]);
      for (const id of ports[0]!.runIds()) respond(ports[0]!, id, 'p3');
      await Promise.all(runs);
      // Nobody else loads it either.
      expect(ports[1]!.kinds()).toEqual([]);
    },
  );

  it('has the other workers load a component once its first run there is answered', async () => {
    pool = new GuestPool(inThread());
    const ports = [new FakePort(), new FakePort(), new FakePort()];
    pool.attach(new FakeOwner(), ports, 'page-1');
    const answered = pool.execute(makeRun().run).then(responseOf);
    // Not while the first worker loads it: two loads at once would slow that first answer.
    expect(ports.map((port) => port.kinds())).toEqual([['app', 'run'], [], []]);
    respond(ports[0]!, ports[0]!.runIds()[0]!, 'first');
    await answered;
    expect(ports.map((port) => port.kinds())).toEqual([
      ['app', 'run'],
      ['app', 'warm'],
      ['app', 'warm'],
    ]);
    expect(ports[1]!.calls[1]).toEqual({
      kind: 'warm',
      definitionId: expect.any(String),
      componentId: 'web',
    });
  });

  it("relays the guest's response, log lines, timings and late failures", async () => {
    pool = new GuestPool(inThread());
    const port = new FakePort();
    pool.attach(new FakeOwner(), [port], 'page-1');
    const { run, logs, late } = makeRun();
    const outcome = pool.execute(run);
    const answered = outcome.then(responseOf);
    const runId = port.runIds()[0]!;
    port.answer({ kind: 'log', runId, sink: 'stdout', message: 'hello' });
    port.answer({ kind: 'log', runId, sink: 'warn', message: 'careful' });
    respond(port, runId, 'body');
    port.answer({ kind: 'late-failure', runId, failure: { message: 'cut short', code: 'guest-failed' } });
    const response = await answered;
    expect(response.headers.get('x-from')).toBe('guest');
    expect(await response.text()).toBe('body');
    expect(logs).toEqual(['stdout: hello', 'warn: careful']);
    expect((await outcome).report).toMatchObject({
      loadMs: 1,
      instantiateMs: 2,
      handleMs: 3,
      ranIn: 'swerve-guest-1',
    });
    expect(late.map((error) => [error.code, error.message])).toEqual([
      ['guest-failed', '[swerve] cut short'],
    ]);
  });

  it("passes a guest's failure on with its code", async () => {
    pool = new GuestPool(inThread());
    const port = new FakePort();
    pool.attach(new FakeOwner(), [port], 'page-1');
    const answered = pool.execute(makeRun().run).then(responseOf);
    port.answer({
      kind: 'failure',
      runId: port.runIds()[0]!,
      failure: { message: 'app/web was stopped: its deadline of 1 s passed', code: 'deadline-exceeded' },
      report: { loadMs: 0, instantiateMs: 0, handleMs: 1000 },
    });
    await expect(answered).rejects.toMatchObject({ code: 'deadline-exceeded' });
  });

  it("serves the guest's requests to its own app with the run's server", async () => {
    pool = new GuestPool(inThread());
    const port = new FakePort();
    pool.attach(new FakeOwner(), [port], 'page-1');
    const { run, served } = makeRun();
    void pool.execute(run);
    const runId = port.runIds()[0]!;
    port.answer({
      kind: 'self-request',
      runId,
      callId: 7,
      request: { url: 'http://app.test/other?x', method: 'GET', headers: [], body: null },
      pathInApp: '/other?x',
    });
    await vi.waitFor(() => expect(port.kinds()).toContain('self-response'));
    const reply = port.calls.find((call) => call.kind === 'self-response')!;
    expect(reply).toMatchObject({ callId: 7, response: { status: 200 } });
    expect(served).toEqual(['/other?x']);
  });

  it('replaces a worker silent past a deadline and its margin; its runs get 504, or run elsewhere if not begun', async () => {
    vi.useFakeTimers();
    const local = inThread();
    pool = new GuestPool(local, { backstopMarginMs: 500 });
    const owner = new FakeOwner();
    const ports = [new FakePort()];
    const attached = pool.attach(owner, ports, 'page-1');
    const stuck = pool.execute(makeRun({ path: '/spin' }).run).then(responseOf);
    const stuckId = ports[0]!.runIds()[0]!;
    ports[0]!.answer({ kind: 'phase', runId: stuckId, phase: 'handle' });
    // Sent to the same (only) worker, but it never began: the worker is stuck on the first.
    const waiting = makeRun({ path: '/waiting' });
    const queued = pool.execute(waiting.run).then(responseOf);
    const stuckOutcome = expect(stuck).rejects.toMatchObject({ code: 'deadline-exceeded' });

    await vi.advanceTimersByTimeAsync(1499);
    expect(owner.replaced).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    await stuckOutcome;
    await expect(stuck).rejects.toThrow(
      'app/web was stopped while handling GET /spin (route /...): its deadline of 1 s passed',
    );
    expect(owner.replaced).toEqual([0]);
    expect(ports[0]!.closed).toBe(true);
    expect(await (await queued).text()).toBe('in thread');
    expect(waiting.logs.join()).toContain('was lost before it began');

    // Until the page replaces it there is no worker: runs stay here; then they go to the new one.
    expect(pool.workerCount).toBe(0);
    const fresh = new FakePort();
    pool.replaced(attached, 0, fresh);
    void pool.execute(makeRun().run);
    expect(fresh.kinds()).toEqual(['app', 'run']);
  });

  it('notices a closed page and settles every run its workers had', async () => {
    const local = inThread();
    pool = new GuestPool(local);
    const owner = new FakeOwner();
    const port = new FakePort();
    pool.attach(owner, [port], 'page-1');

    const begun = pool.execute(makeRun({ path: '/begun' }).run).then(responseOf);
    port.answer({ kind: 'phase', runId: port.runIds()[0]!, phase: 'handle' });
    const withBody = pool
      .execute(makeRun({ path: '/upload', body: new Response('data').body }).run)
      .then(responseOf);
    const notBegun = pool.execute(makeRun({ path: '/later' }).run).then(responseOf);
    const streaming = makeRun({ path: '/stream' });
    const streamed = pool.execute(streaming.run).then(responseOf);
    const streamId = port.runIds()[3]!;
    port.answer({
      kind: 'response',
      runId: streamId,
      response: { status: 200, statusText: '', headers: [], body: new ReadableStream<Uint8Array>() },
      report: { loadMs: 0, instantiateMs: 0, handleMs: 0 },
    });
    const response = await streamed;

    owner.open = false;
    await pool.checkOwners();
    expect(pool.workerCount).toBe(0);
    await expect(begun).rejects.toMatchObject({ code: 'host-unavailable' });
    await expect(withBody).rejects.toThrow('the request had a body that went with it');
    expect(await (await notBegun).text()).toBe('in thread');
    await expect(response.text()).rejects.toMatchObject({ code: 'host-unavailable' });
    expect(streaming.late.map((error) => error.code)).toEqual(['host-unavailable']);
    // And later runs are served here.
    expect(await (await pool.execute(makeRun().run).then(responseOf)).text()).toBe('in thread');
  });

  it('retires the earlier pool of a page that attaches again, once its runs are done', async () => {
    pool = new GuestPool(inThread());
    const owner = new FakeOwner();
    const old = new FakePort();
    pool.attach(owner, [old], 'page-1');
    const running = pool.execute(makeRun().run).then(responseOf);
    const renewed = new FakePort();
    pool.attach(owner, [renewed], 'page-1');
    expect(pool.workerCount).toBe(1);
    void pool.execute(makeRun().run);
    expect(renewed.runIds()).toHaveLength(1);
    // The old port still answers what it had.
    respond(old, old.runIds()[0]!, 'old');
    expect(await (await running).text()).toBe('old');
    old.answer({ kind: 'done', runId: old.runIds()[0]! });
    await pool.checkOwners();
    expect(old.closed).toBe(true);
    expect(renewed.closed).toBe(false);
  });
});
