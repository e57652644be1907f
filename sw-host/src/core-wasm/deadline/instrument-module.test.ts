import { readdirSync } from 'node:fs';
import { parse } from '@bytecodealliance/jco-transpile/wasm-tools';
import { describe, expect, it } from 'vitest';
import { builtFile } from '../../built-components.test-helper.ts';
import { hookModuleBytes } from './hook-module.ts';
import { DEADLINE_TABLE_EXPORT, instrumentModule, isInstrumented } from './instrument-module.ts';
import { readLayout } from './module-sections.ts';

/** The WebAssembly API wants buffers it may own; these are. */
const compile = (bytes: Uint8Array) => new WebAssembly.Module(bytes as Uint8Array<ArrayBuffer>);
const validate = (bytes: Uint8Array) => WebAssembly.validate(bytes as Uint8Array<ArrayBuffer>);

const componentsDir = new URL('../../../../components/', import.meta.url);

/** Every core module the pipeline built: the fixtures' and the examples'. */
function builtCoreModules(): string[] {
  const found: string[] = [];
  for (const group of ['examples', 'fixtures']) {
    for (const app of readdirSync(new URL(`${group}/`, componentsDir))) {
      const dist = new URL(`${group}/${app}/dist/`, componentsDir);
      let entries: string[];
      try {
        entries = readdirSync(dist).filter((name) => name.endsWith('.transpiled'));
      } catch {
        continue;
      }
      for (const dir of entries) {
        for (const file of readdirSync(new URL(`${dir}/`, dist))) {
          if (file.endsWith('.wasm')) found.push(`${group}/${app}/dist/${dir}/${file}`);
        }
      }
    }
  }
  return found;
}

/** Connects an instrumented instance to a host check; counts the checks. */
function connect(instance: WebAssembly.Instance, expired: () => boolean) {
  const state = { checks: 0 };
  const hook = new WebAssembly.Instance(compile(hookModuleBytes()), {
    swerve: {
      expired: () => {
        state.checks++;
        return expired() ? 1 : 0;
      },
    },
  });
  (instance.exports[DEADLINE_TABLE_EXPORT] as WebAssembly.Table).set(0, hook.exports['expired']);
  return state;
}

async function instantiate(wat: string, options?: Parameters<typeof instrumentModule>[1]) {
  const original = await parse(wat);
  const instrumented = instrumentModule(original, options);
  expect(validate(instrumented)).toBe(true);
  return {
    plain: new WebAssembly.Instance(compile(original)),
    instrumented: new WebAssembly.Instance(compile(instrumented)),
  };
}

type Exported = (...args: number[]) => number;

describe('instrumentModule on the modules the pipeline builds', () => {
  const modules = builtCoreModules();

  it('finds the built modules, hello among them', () => {
    expect(modules).toContain('examples/hello/dist/hello.transpiled/component.core.wasm');
    expect(modules).toContain('fixtures/loop/dist/loop.transpiled/component.core.wasm');
  });

  it.each(modules)('%s still validates, with the same imports and exports plus the table', (path) => {
    const bytes = builtFile(path);
    const instrumented = instrumentModule(bytes);
    expect(validate(instrumented)).toBe(true);
    const before = compile(bytes);
    const after = compile(instrumented);
    expect(WebAssembly.Module.imports(after)).toEqual(WebAssembly.Module.imports(before));
    expect(WebAssembly.Module.exports(after)).toEqual([
      ...WebAssembly.Module.exports(before),
      { name: DEADLINE_TABLE_EXPORT, kind: 'table' },
    ]);
    expect(isInstrumented(instrumented)).toBe(true);
    expect(instrumentModule(instrumented)).toBe(instrumented);
  });

  it("rewrites hello's 12.7 MB core module quickly (time printed, not asserted)", () => {
    const bytes = builtFile('examples/hello/dist/hello.transpiled/component.core.wasm');
    const times: number[] = [];
    let size = 0;
    for (let i = 0; i < 5; i++) {
      const started = performance.now();
      size = instrumentModule(bytes).length;
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    console.log(
      `hello core module: ${bytes.length} -> ${size} bytes (+${(((size - bytes.length) / bytes.length) * 100).toFixed(1)}%), ` +
        `rewritten in ${times[2]!.toFixed(0)} ms median of 5 (Node)`,
    );
    expect(size).toBeGreaterThan(bytes.length);
  });
});

describe('instrumented code behaves as before', () => {
  const programs = `
    (module
      (memory (export "memory") 1)
      (global $g (mut i32) (i32.const 0))
      (table 2 funcref)
      (elem (i32.const 0) $double $fib)
      (type $unary (func (param i32) (result i32)))
      (func $double (type $unary) (i32.mul (local.get 0) (i32.const 2)))
      (func $fib (export "fib") (type $unary)
        (if (result i32) (i32.lt_u (local.get 0) (i32.const 2))
          (then (local.get 0))
          (else (i32.add (call $fib (i32.sub (local.get 0) (i32.const 1)))
                         (call $fib (i32.sub (local.get 0) (i32.const 2)))))))
      (func (export "sum") (param $n i32) (result i32) (local $i i32) (local $acc i32)
        (block $done
          (loop $next
            (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
            (local.set $acc (i32.add (local.get $acc) (call_indirect (type $unary) (local.get $i) (i32.const 0))))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $next)))
        (local.get $acc))
      ;; A loop with a parameter and a result: the countdown must not touch the operand stack.
      (func (export "count-down") (param $n i32) (result i32)
        (local.get $n)
        (loop $l (param i32) (result i32)
          (i32.sub (i32.const 1))
          (local.tee $n)
          (br_if $l (i32.gt_s (local.get $n) (i32.const 0)))))
      (func (export "bytes") (param $n i32) (result i32) (local $i i32)
        (memory.fill (i32.const 0) (i32.const 7) (i32.const 100))
        (loop $l
          (i32.store8 (local.get $i) (i32.add (i32.load8_u (local.get $i)) (local.get $i)))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br_if $l (i32.lt_u (local.get $i) (local.get $n))))
        (global.set $g (i32.load (i32.const 4)))
        (global.get $g))
      (func (export "lanes") (param $x i32) (result i32)
        (i32x4.extract_lane 2 (i32x4.add (i32x4.splat (local.get $x)) (v128.const i32x4 1 2 3 4))))
      (func (export "table-size") (result i32) (table.size 0)))`;

  it('gives the same results, with checks along the way', async () => {
    const { plain, instrumented } = await instantiate(programs, { interval: 3 });
    const state = connect(instrumented, () => false);
    for (const [name, args] of [
      ['fib', [20]],
      ['sum', [1000]],
      ['count-down', [50]],
      ['bytes', [100]],
      ['lanes', [10]],
      ['table-size', []],
    ] as const) {
      const expected = (plain.exports[name] as Exported)(...args);
      expect((instrumented.exports[name] as Exported)(...args), name).toBe(expected);
    }
    expect(state.checks).toBeGreaterThan(1000);
  });

  it('runs a start function before the host has filled the table', async () => {
    const { instrumented } = await instantiate(
      `(module
        (global $n (export "n") (mut i32) (i32.const 0))
        (func $start (loop $l
          (global.set $n (i32.add (global.get $n) (i32.const 1)))
          (br_if $l (i32.lt_u (global.get $n) (i32.const 50000)))))
        (start $start))`,
      { interval: 100 },
    );
    expect((instrumented.exports['n'] as WebAssembly.Global).value).toBe(50000);
  });
});

describe('a guest past its deadline', () => {
  const forever = `
    (module
      (func (export "spin") (loop $l (br $l)))
      (func $again (export "recurse") (return_call $again)))`;
  /** `try (loop br 0) catch_all end`, in the legacy exception encoding V8 still runs (wasm-tools no longer parses it). */
  const catching = Uint8Array.from([
    ...[0, 0x61, 0x73, 0x6d, 1, 0, 0, 0],
    ...[1, 4, 1, 0x60, 0, 0],
    ...[3, 2, 1, 0],
    ...[7, 12, 1, 8, ...[...'catching'].map((c) => c.charCodeAt(0)), 0, 0],
    ...[10, 13, 1, 11, 0, 0x06, 0x40, 0x03, 0x40, 0x0c, 0x00, 0x0b, 0x19, 0x0b, 0x0b],
  ]);

  it.each(['spin', 'recurse', 'catching'])(
    '%s traps once the host says the deadline has passed',
    async (name) => {
      const { instrumented } =
        name === 'catching'
          ? {
              instrumented: new WebAssembly.Instance(compile(instrumentModule(catching, { interval: 1000 }))),
            }
          : await instantiate(forever, { interval: 1000 });
      let calls = 0;
      const state = connect(instrumented, () => ++calls >= 5);
      expect(() => (instrumented.exports[name] as () => void)()).toThrow(WebAssembly.RuntimeError);
      expect(state.checks).toBe(5);
    },
  );

  it('is not stopped on loops alone when function entries are left out', async () => {
    const { instrumented } = await instantiate(
      `(module
        (global $depth (mut i32) (i32.const 0))
        (func $down (export "down") (param i32) (result i32)
          (if (result i32) (local.get 0)
            (then (call $down (i32.sub (local.get 0) (i32.const 1))))
            (else (i32.const 7)))))`,
      { interval: 1, functionEntries: false },
    );
    const state = connect(instrumented, () => true);
    expect((instrumented.exports['down'] as Exported)(100)).toBe(7);
    expect(state.checks).toBe(0);
  });
});

describe('instructions beyond the MVP', () => {
  it('walks threads, bulk memory, reference types, sign extension and tail calls', async () => {
    const wat = `
      (module
        (memory 1 1 shared)
        (table $t 1 funcref)
        (table $u 1 externref)
        (data $d "abc")
        (elem $e func $f)
        (func $f (param i32) (result i32)
          (drop (i32.atomic.rmw.add (i32.const 0) (i32.const 1)))
          (drop (memory.atomic.notify (i32.const 0) (i32.const 1)))
          (atomic.fence)
          (memory.init $d (i32.const 0) (i32.const 0) (i32.const 3))
          (data.drop $d)
          (table.init $t $e (i32.const 0) (i32.const 0) (i32.const 1))
          (elem.drop $e)
          (drop (table.grow $u (ref.null extern) (i32.const 1)))
          (table.set $u (i32.const 0) (table.get $u (i32.const 0)))
          (drop (ref.is_null (ref.func $f)))
          (drop (i32.extend8_s (local.get 0)))
          (drop (i32.trunc_sat_f32_s (f32.const 1.5)))
          (drop (select (result i32) (i32.const 1) (i32.const 2) (local.get 0)))
          (block (br_table 0 0 (local.get 0)))
          (return_call_indirect $t (param i32) (result i32) (local.get 0) (i32.const 0))))`;
    const original = await parse(wat);
    expect(validate(original)).toBe(true);
    expect(validate(instrumentModule(original))).toBe(true);
  });

  // Node 20's V8 validates neither GC nor try_table: binaryen does, with every feature on.
  it('walks GC, typed function references, try_table and SIMD lanes', async () => {
    const wat = `
      (module
        (rec (type $node (struct (field $next (ref null $node)) (field $v (mut i32))))
             (type $list (array (mut (ref null $node)))))
        (type $fn (func (param i32) (result i32)))
        (tag $oops (param i32))
        (memory 1)
        (elem declare func $id)
        (func $id (type $fn) (local.get 0))
        (func (export "gc") (param $n i32) (result i32) (local $head (ref null $node)) (local $arr (ref $list))
          (local.set $arr (array.new_default $list (i32.const 4)))
          (loop $build
            (local.set $head (struct.new $node (local.get $head) (local.get $n)))
            (array.set $list (local.get $arr) (i32.const 0) (local.get $head))
            (local.set $n (i32.sub (local.get $n) (i32.const 1)))
            (br_if $build (local.get $n)))
          (drop (ref.test (ref $node) (local.get $head)))
          (drop (ref.cast (ref null $node) (local.get $head)))
          (drop (block $out (result (ref $node))
            (br_on_cast $out (ref null $node) (ref $node) (local.get $head))
            (unreachable)))
          (drop (i31.get_s (ref.i31 (i32.const 5))))
          (drop (array.len (local.get $arr)))
          (drop (call_ref $fn (i32.const 3) (ref.func $id)))
          (struct.get $node $v (ref.as_non_null (local.get $head))))
        (func (export "eh") (result i32)
          (block $caught (result i32)
            (try_table (catch $oops $caught)
              (loop $l (throw $oops (i32.const 9))))
            (i32.const 0)))
        (func (export "simd") (result i32)
          (v128.store64_lane 1 (i32.const 0) (v128.load32_zero (i32.const 8)))
          (i8x16.extract_lane_u 3 (i8x16.shuffle 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15
            (v128.const i64x2 1 2) (i32x4.relaxed_trunc_f32x4_s (v128.const f32x4 1 2 3 4))))))`;
    const binaryen = (await import('binaryen')).default;
    const valid = (bytes: Uint8Array) => {
      const module = binaryen.readBinaryWithFeatures(bytes, binaryen.Features.All);
      try {
        return module.validate() !== 0;
      } finally {
        module.dispose();
      }
    };
    const original = await parse(wat);
    expect(valid(original)).toBe(true);
    const instrumented = instrumentModule(original);
    expect(valid(instrumented)).toBe(true);
  });

  it('adds the sections a module lacks, in order', async () => {
    const empty = await parse('(module)');
    const instrumented = instrumentModule(empty);
    expect(validate(instrumented)).toBe(true);
    expect(readLayout(instrumented).sections.map((s) => s.id)).toEqual([1, 3, 4, 6, 7, 10]);
    const withMemory = instrumentModule(await parse('(module (memory 1) (data (i32.const 0) "x"))'));
    expect(readLayout(withMemory).sections.map((s) => s.id)).toEqual([1, 3, 4, 5, 6, 7, 10, 11]);
    expect(validate(withMemory)).toBe(true);
  });

  it('refuses a component and an unknown opcode', async () => {
    const component = builtFile('fixtures/minimal/dist/minimal.wasm');
    expect(() => instrumentModule(component)).toThrow(/Not a core module/);
    // A function body holding the unassigned opcode 0xFF.
    const bytes = Uint8Array.from([
      ...[0, 0x61, 0x73, 0x6d, 1, 0, 0, 0],
      ...[1, 4, 1, 0x60, 0, 0],
      ...[3, 2, 1, 0],
      ...[10, 5, 1, 3, 0, 0xff, 0x0b],
    ]);
    expect(() => instrumentModule(bytes)).toThrow(/Unknown instruction 0xff/);
  });
});
