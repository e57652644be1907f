import { parse } from '@bytecodealliance/jco-transpile/wasm-tools';
import { describe, expect, it } from 'vitest';
import { SwerveError } from '../errors.ts';
import { instrumentModule } from '../core-wasm/deadline/index.ts';
import { P3InstanceDeadline } from './deadline-p3.ts';

const compile = (bytes: Uint8Array) => new WebAssembly.Module(bytes as Uint8Array<ArrayBuffer>);

/** An instrumented guest whose `spin` loops for good, attached to `deadline`. */
async function spinner(deadline: P3InstanceDeadline): Promise<() => void> {
  const module = compile(instrumentModule(await parse('(module (func (export "spin") (loop $l (br $l))))')));
  const instance = new WebAssembly.Instance(module);
  deadline.attach(instance);
  return instance.exports['spin'] as () => void;
}

const never = () => new Promise<never>(() => undefined);
const after = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function failure(promise: Promise<unknown>): Promise<SwerveError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof SwerveError)) throw new Error(`expected a SwerveError, got ${String(error)}`);
  return error;
}

describe('P3InstanceDeadline (the deadlines of the requests one reused instance serves)', () => {
  it('lets requests that end in time through, one after another and at once', async () => {
    const deadline = new P3InstanceDeadline();
    expect(await deadline.run(200, async () => 'first')).toBe('first');
    const both = await Promise.all([
      deadline.run(200, async () => (await after(20), 'a')),
      deadline.run(200, async () => (await after(10), 'b')),
    ]);
    expect(both).toEqual(['a', 'b']);
    expect(deadline.expired).toBe(false);
    expect(deadline.check()).toBe(0);
  });

  it('stops a guest looping in Wasm at its request deadline, and the instance with it', async () => {
    const deadline = new P3InstanceDeadline();
    const spin = await spinner(deadline);
    const started = performance.now();
    const error = await failure(deadline.run(150, async () => spin()));
    expect(error.code).toBe('deadline-exceeded');
    expect(error.message).toMatch(/its deadline of 150 ms passed \(stopped after \d+ ms\)/);
    expect(performance.now() - started).toBeGreaterThanOrEqual(149);
    expect(deadline.expired).toBe(true);
    expect(deadline.check()).toBe(1);
  });

  it('answers a guest suspended on the host at its deadline', async () => {
    const deadline = new P3InstanceDeadline();
    const error = await failure(deadline.run(100, never));
    expect(error.code).toBe('deadline-exceeded');
    expect(deadline.expired).toBe(true);
  });

  it("stops the instance's other requests too, saying it was another request's deadline", async () => {
    const deadline = new P3InstanceDeadline();
    const spin = await spinner(deadline);
    const patient = deadline.run(5000, async () => {
      await after(200);
      // Resumed after the instance was stopped: its next check traps.
      spin();
    });
    await failure(deadline.run(100, never));
    const error = await failure(patient);
    expect(error.code).toBe('deadline-exceeded');
    expect(error.message).toMatch(
      /^\[swerve\] another request on its instance passed its deadline, which stops the instance/,
    );
    // And nothing new starts on it.
    expect((await failure(deadline.run(5000, async () => 'late'))).code).toBe('deadline-exceeded');
  });

  it('passes on a failure that is not a deadline', async () => {
    const deadline = new P3InstanceDeadline();
    await expect(
      deadline.run(1000, async () => {
        throw new WebAssembly.RuntimeError('unreachable');
      }),
    ).rejects.toThrow(WebAssembly.RuntimeError);
    expect(deadline.expired).toBe(false);
  });
});

describe('P3InstanceDeadline: what stopping the instance stops besides the guest', () => {
  it("aborts its signal when a request's deadline passes, with a deadline-exceeded error", async () => {
    const deadline = new P3InstanceDeadline();
    expect(deadline.signal.aborted).toBe(false);
    await failure(deadline.run(20, never));
    expect(deadline.signal.aborted).toBe(true);
    expect(deadline.signal.reason).toMatchObject({ code: 'deadline-exceeded' });
  });

  it('guarded host functions run until the instance is stopped, then refuse to start; resource classes pass as they are', async () => {
    const deadline = new P3InstanceDeadline();
    class Fields {
      constructor(readonly value = 1) {}
    }
    const calls: string[] = [];
    const imports = deadline.guard({
      Fields,
      getEnvironment(this: { tag: string }) {
        calls.push(this.tag);
        return [];
      },
      tag: 'the interface object',
    });
    expect(imports.getEnvironment()).toEqual([]);
    // Called on the interface object even when taken out of it, as the glue takes its functions.
    const { getEnvironment } = imports;
    getEnvironment.call({ tag: 'elsewhere' });
    expect(calls).toEqual(['the interface object', 'the interface object']);
    expect(imports.Fields).toBe(Fields);
    expect(new imports.Fields(2)).toBeInstanceOf(Fields);

    await failure(deadline.run(20, never));
    expect(() => imports.getEnvironment()).toThrow(SwerveError);
    expect(() => imports.getEnvironment()).toThrow('passed its deadline, which stops the instance');
    expect(new imports.Fields()).toBeInstanceOf(Fields);
    expect(calls).toHaveLength(2);
  });
});
