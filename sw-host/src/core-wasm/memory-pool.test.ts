import { parse } from '@bytecodealliance/jco-transpile/wasm-tools';
import { beforeAll, describe, expect, it } from 'vitest';
import { builtFile } from '../built-components.test-helper.ts';
import { instrumentModule } from './deadline/index.ts';
import {
  hasMemoryImage,
  importMemoryImage,
  MEMORY_IMPORT_MODULE,
  MEMORY_IMPORT_NAME,
} from './memory-image/index.ts';
import { MemoryPool } from './memory-pool.ts';

const compile = (bytes: Uint8Array) => new WebAssembly.Module(bytes as Uint8Array<ArrayBuffer>);
const validate = (bytes: Uint8Array) => WebAssembly.validate(bytes as Uint8Array<ArrayBuffer>);

/** Imports that satisfy any module's function imports (none is called while instantiating). */
function stubImports(module: WebAssembly.Module): WebAssembly.Imports {
  const imports: Record<string, Record<string, WebAssembly.ExportValue>> = {};
  for (const { module: from, name, kind } of WebAssembly.Module.imports(module)) {
    if (kind !== 'function') continue;
    (imports[from] ??= {})[name] = () => {
      throw new Error(`${from}#${name} called`);
    };
  }
  return imports;
}

function instantiateRewritten(module: WebAssembly.Module, memory: WebAssembly.Memory) {
  return new WebAssembly.Instance(module, {
    ...stubImports(module),
    [MEMORY_IMPORT_MODULE]: { [MEMORY_IMPORT_NAME]: memory },
  });
}

/** Counts in memory (at 100, set to 0 by a data segment) and in a global; grows memory by a page. */
const COUNTER = `(module
  (memory (export "memory") 2 10)
  (global $count (mut i32) (i32.const 0))
  (data (i32.const 16) "image")
  (data (i32.const 100) "\\00\\00\\00\\00")
  (data "passive")
  (func (export "step") (result i32)
    (global.set $count (i32.add (global.get $count) (i32.const 1)))
    (i32.store (i32.const 100) (i32.add (i32.load (i32.const 100)) (i32.const 1)))
    (i32.store (i32.const 70000) (i32.const 7))
    (i32.add (global.get $count) (i32.mul (i32.load (i32.const 100)) (i32.const 10))))
  (func (export "grow") (result i32) (memory.grow (i32.const 1)))
  (func (export "size") (result i32) (memory.size))
  (func (export "init") (memory.init 2 (i32.const 200) (i32.const 0) (i32.const 7))))`;

describe('importMemoryImage and MemoryPool', () => {
  let counter: Uint8Array;
  // The first parse loads wasm-tools, which takes seconds on a busy machine.
  beforeAll(async () => {
    counter = await parse(COUNTER);
  }, 60_000);

  it('gives every instance a fresh instance state: counters at 1, size and contents initial', async () => {
    const rewritten = importMemoryImage(counter);
    expect(validate(rewritten)).toBe(true);
    expect(hasMemoryImage(rewritten)).toBe(true);
    const module = compile(rewritten);
    expect(WebAssembly.Module.imports(module)).toContainEqual({
      module: MEMORY_IMPORT_MODULE,
      name: MEMORY_IMPORT_NAME,
      kind: 'memory',
    });
    const pool = MemoryPool.of(module)!;
    const plain = new WebAssembly.Instance(compile(counter));
    const fresh = new Uint8Array((plain.exports['memory'] as WebAssembly.Memory).buffer);
    for (let request = 0; request < 3; request++) {
      const memory = pool.take();
      // Buffer.compare: toEqual walks 128 KiB element by element, for seconds.
      expect(Buffer.compare(new Uint8Array(memory.buffer), fresh)).toBe(0);
      const instance = instantiateRewritten(module, memory);
      const exports = instance.exports as Record<string, () => number>;
      expect(exports['size']!()).toBe(2);
      expect(exports['step']!()).toBe(11); // global 1, memory 1
      // A passive segment is still there, by its index.
      exports['init']!();
      expect(new TextDecoder().decode(new Uint8Array(memory.buffer, 200, 7))).toBe('passive');
      if (request === 1) expect(exports['grow']!()).toBe(2);
      pool.give(memory);
    }
  });

  it('resets a memory given back, in a task of its own or when it is taken before that ran', async () => {
    const module = compile(importMemoryImage(counter));
    const pool = MemoryPool.of(module)!;
    const plain = new WebAssembly.Instance(compile(counter));
    const fresh = new Uint8Array((plain.exports['memory'] as WebAssembly.Memory).buffer);
    const dirty = (memory: WebAssembly.Memory) => {
      new Uint8Array(memory.buffer).fill(0xaa);
      return memory;
    };
    // Taken again at once: reset then.
    const first = dirty(pool.take());
    pool.give(first);
    expect(pool.take()).toBe(first);
    expect(Buffer.compare(new Uint8Array(first.buffer), fresh)).toBe(0);
    // Left alone: reset by the queued task, before it is taken.
    pool.give(dirty(first));
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(Buffer.compare(new Uint8Array(first.buffer), fresh)).toBe(0);
    expect(pool.take()).toBe(first);
  });

  it('never hands out a memory that grew', async () => {
    const module = compile(importMemoryImage(counter));
    const pool = MemoryPool.of(module)!;
    const grown = pool.take();
    grown.grow(1);
    pool.give(grown);
    expect(pool.take()).not.toBe(grown);
    const kept = pool.take();
    pool.give(kept);
    expect(pool.take()).toBe(kept);
  });

  it('leaves alone a module with no memory or a computed segment offset, and is idempotent', async () => {
    const noMemory = await parse('(module (func (export "f")))');
    expect(importMemoryImage(noMemory)).toBe(noMemory);
    const computed = await parse(
      '(module (import "env" "base" (global i32)) (memory 1) (data (global.get 0) "x"))',
    );
    expect(importMemoryImage(computed)).toBe(computed);
    const once = importMemoryImage(counter);
    expect(importMemoryImage(once)).toBe(once);
    expect(MemoryPool.of(compile(noMemory))).toBeUndefined();
  });

  it("gives hello's instrumented core module memory equal to a fresh instance's, byte for byte", () => {
    const original = instrumentModule(builtFile('examples/hello/dist/hello.transpiled/component.core.wasm'));
    const rewritten = importMemoryImage(original);
    expect(rewritten).not.toBe(original);
    expect(validate(rewritten)).toBe(true);
    const before = compile(original);
    const plain = new WebAssembly.Instance(before, stubImports(before));
    const expected = new Uint8Array((plain.exports['memory'] as WebAssembly.Memory).buffer);
    const module = compile(rewritten);
    const pool = MemoryPool.of(module)!;
    const memory = pool.take();
    instantiateRewritten(module, memory);
    new Uint8Array(memory.buffer).fill(0xaa, 1 << 20, 3 << 20); // as a request might
    pool.give(memory);
    const again = pool.take();
    expect(again).toBe(memory);
    const actual = new Uint8Array(again.buffer);
    expect(actual.length).toBe(expected.length);
    expect(Buffer.compare(actual, expected)).toBe(0);
  }, 30_000); // compiling a 12.7 MB module twice takes seconds on a busy machine
});
