import { parse } from '@bytecodealliance/jco-transpile/wasm-tools';
import { describe, expect, it } from 'vitest';
import { SwerveError } from '../errors.ts';
import { instrumentModule } from './deadline/index.ts';
import { formatTimeout, GuestDeadline } from './guest-deadline.ts';

/** The WebAssembly API wants buffers it may own; these are. */
const compile = (bytes: Uint8Array) => new WebAssembly.Module(bytes as Uint8Array<ArrayBuffer>);

const guest = `
  (module
    (func (export "spin") (loop $l (br $l)))
    ;; Counts to n; the CPU-bound case of the cost measurement.
    (func (export "count") (param $n i32) (result i32) (local $i i32)
      (loop $next
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br_if $next (i32.lt_u (local.get $i) (local.get $n))))
      (local.get $i)))`;

async function instances(deadline: GuestDeadline) {
  const original = await parse(guest);
  const plain = new WebAssembly.Instance(compile(original));
  const instrumented = new WebAssembly.Instance(compile(instrumentModule(original)));
  deadline.attach(instrumented);
  return { plain: plain.exports, instrumented: instrumented.exports };
}

function deadlineError(error: unknown): boolean {
  return error instanceof SwerveError && error.code === 'deadline-exceeded';
}

describe('GuestDeadline', () => {
  it('stops a guest looping in Wasm at its deadline', async () => {
    const deadline = new GuestDeadline(200);
    const { instrumented } = await instances(deadline);
    const started = performance.now();
    const error: unknown = await deadline
      .run(() => (instrumented['spin'] as () => void)())
      .catch((e: unknown) => e);
    const elapsed = performance.now() - started;
    expect(deadlineError(error)).toBe(true);
    expect((error as Error).message).toMatch(/its deadline of 200 ms passed \(stopped after 2\d\d ms\)/);
    expect((error as Error).cause).toBeInstanceOf(WebAssembly.RuntimeError);
    expect(elapsed).toBeGreaterThanOrEqual(199);
    expect(elapsed).toBeLessThan(400);
    expect(deadline.expired).toBe(true);
  });

  it('answers at the deadline a guest suspended on a host promise', async () => {
    const deadline = new GuestDeadline(100);
    const started = performance.now();
    const error: unknown = await deadline.run(() => new Promise(() => undefined)).catch((e: unknown) => e);
    expect(deadlineError(error)).toBe(true);
    expect(performance.now() - started).toBeGreaterThanOrEqual(99);
    // A resumed guest is stopped at its next check, and starts no more host operations.
    expect(deadline.check()).toBe(1);
    const store = deadline.guard({ set: (value: number) => value });
    expect(() => store.set(1)).toThrow(/deadline of 100 ms passed/);
  });

  it('passes results and other failures through, and lets a guarded object work in time', async () => {
    const deadline = new GuestDeadline(1000);
    const { instrumented } = await instances(deadline);
    expect(await deadline.run(() => (instrumented['count'] as (n: number) => number)(1_000_000))).toBe(
      1_000_000,
    );
    await expect(deadline.run(() => Promise.reject(new Error('guest bug')))).rejects.toThrow('guest bug');
    expect(deadline.guard({ get: () => 'value' }).get()).toBe('value');
    expect(deadline.expired).toBe(false);
    expect(deadline.check()).toBe(0);
  });

  it('formats timeouts as people write them', () => {
    expect([formatTimeout(250), formatTimeout(1000), formatTimeout(1500), formatTimeout(10_000)]).toEqual([
      '250 ms',
      '1 s',
      '1.5 s',
      '10 s',
    ]);
  });

  it('costs little on a CPU-bound loop (printed, not asserted)', async () => {
    const deadline = new GuestDeadline(60_000);
    const { plain, instrumented } = await instances(deadline);
    const time = (count: (n: number) => number) => {
      const runs: number[] = [];
      for (let i = 0; i < 5; i++) {
        const started = performance.now();
        count(100_000_000);
        runs.push(performance.now() - started);
      }
      return runs.sort((a, b) => a - b)[2]!;
    };
    const before = time(plain['count'] as (n: number) => number);
    const after = await deadline.run(() => time(instrumented['count'] as (n: number) => number));
    console.log(
      `count to 1e8 (Node): ${before.toFixed(0)} ms plain, ${after.toFixed(0)} ms instrumented ` +
        `(${(((after - before) / before) * 100).toFixed(0)}%)`,
    );
    expect(after).toBeGreaterThan(0);
  });
});
