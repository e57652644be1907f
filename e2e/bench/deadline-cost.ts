/**
 * What the deadline instrumentation (sw-host/src/core-wasm/deadline/, decision 0008) costs a guest
 * that computes: the same core modules, as written and as the host rewrites them, run side by
 * side in the browser (a blank page: no CSP, no host), each case alternating five times. The
 * instrumented copy gets the host's hook, so its checks call out to JavaScript as in the host.
 *
 * - a hashing loop: FNV-1a and xorshift over a 64 KiB buffer, with a load and a store per
 *   iteration, what a parser, a codec or an interpreter's dispatch loop does;
 * - a tight counting loop: one add and one compare per iteration, the worst case for a check at
 *   every loop header;
 * - recursive fib: nothing but calls, the worst case for the check at every function entry.
 */
import type { Page } from '@playwright/test';
// A benchmark of the host's internals measures them directly: no package exports them, on purpose.
// eslint-disable-next-line import-x/no-restricted-paths
import { hookModuleBytes, instrumentModule } from '../../sw-host/src/core-wasm/deadline/index.ts';

const WAT = `(module
  (memory 1)
  (func (export "hash") (param $rounds i32) (result i32)
    (local $i i32) (local $h i32)
    (local.set $h (i32.const 0x811c9dc5))
    (loop $next
      (local.set $h (i32.mul (i32.xor (local.get $h) (i32.load8_u (i32.and (local.get $i) (i32.const 0xffff))))
                             (i32.const 16777619)))
      (local.set $h (i32.xor (local.get $h) (i32.shl (local.get $h) (i32.const 13))))
      (local.set $h (i32.xor (local.get $h) (i32.shr_u (local.get $h) (i32.const 17))))
      (local.set $h (i32.xor (local.get $h) (i32.shl (local.get $h) (i32.const 5))))
      (i32.store (i32.and (i32.shl (local.get $i) (i32.const 2)) (i32.const 0xfffc)) (local.get $h))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $next (i32.lt_u (local.get $i) (local.get $rounds))))
    (local.get $h))
  (func (export "count") (param $n i32) (result i32)
    (local $i i32)
    (loop $next
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $next (i32.lt_u (local.get $i) (local.get $n))))
    (local.get $i))
  (func $fib (export "fib") (param $n i32) (result i32)
    (if (result i32) (i32.lt_u (local.get $n) (i32.const 2))
      (then (local.get $n))
      (else (i32.add (call $fib (i32.sub (local.get $n) (i32.const 1)))
                     (call $fib (i32.sub (local.get $n) (i32.const 2))))))))`;

export interface DeadlineCostRow {
  name: string;
  plainMs: number;
  instrumentedMs: number;
  /** instrumented / plain, medians of the same run. */
  ratio: number;
}

const CASES: { name: string; fn: string; arg: number }[] = [
  { name: 'hashing loop, 40M iterations', fn: 'hash', arg: 40_000_000 },
  { name: 'tight counting loop, 400M iterations', fn: 'count', arg: 400_000_000 },
  { name: 'recursive fib(32)', fn: 'fib', arg: 32 },
];

async function assemble(): Promise<Uint8Array> {
  const { addRootPreopen } = (await import('../../components/scripts/root-preopen.js')) as {
    addRootPreopen: (name: string) => Promise<void>;
  };
  await addRootPreopen('@bytecodealliance/jco-transpile');
  const { parse } = await import('@bytecodealliance/jco-transpile/wasm-tools');
  return parse(WAT);
}

export async function deadlineCost(page: Page): Promise<DeadlineCostRow[]> {
  const plain = await assemble();
  const modules = {
    plain: [...plain],
    instrumented: [...instrumentModule(plain)],
    hook: [...hookModuleBytes()],
  };
  await page.goto('about:blank');
  return page.evaluate(
    async ({ modules, cases }) => {
      const compile = (bytes: number[]) => WebAssembly.compile(new Uint8Array(bytes));
      const hook = await WebAssembly.instantiate(await compile(modules.hook), {
        swerve: { expired: () => 0 },
      });
      const plain = await WebAssembly.instantiate(await compile(modules.plain));
      const instrumented = await WebAssembly.instantiate(await compile(modules.instrumented));
      (instrumented.exports['swerve:deadline'] as WebAssembly.Table).set(0, hook.exports['expired']);
      const time = (instance: WebAssembly.Instance, fn: string, arg: number) => {
        const started = performance.now();
        (instance.exports[fn] as (n: number) => number)(arg);
        return performance.now() - started;
      };
      const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
      return cases.map(({ name, fn, arg }) => {
        // Tier both up first, then alternate, so neither always runs on a cooler machine.
        const warmup = fn === 'fib' ? arg - 4 : arg / 10;
        time(plain, fn, warmup);
        time(instrumented, fn, warmup);
        const runs = { plain: [] as number[], instrumented: [] as number[] };
        for (let i = 0; i < 5; i++) {
          runs.plain.push(time(plain, fn, arg));
          runs.instrumented.push(time(instrumented, fn, arg));
        }
        const plainMs = median(runs.plain);
        const instrumentedMs = median(runs.instrumented);
        return { name, plainMs, instrumentedMs, ratio: instrumentedMs / plainMs };
      });
    },
    { modules, cases: CASES },
  );
}
