#!/usr/bin/env node
// @ts-check
/**
 * Builds a hand-written WebAssembly text (WAT) core module into a WASI 0.2 component:
 *
 *   node wat-component.js src/minimal.wat -o dist/minimal.wasm [--world http-handler]
 *
 * This is the command a fixture's `[component.<id>.build]` section runs, from the app's folder,
 * just as `spin build` would. It uses only wasm-tools as jco-transpile ships it (compiled to
 * JavaScript), so it needs no native toolchain:
 *
 * 1. `parse` turns the WAT into a core module;
 * 2. `componentEmbed` adds the WIT world (staged by {@link stageWit}) as a custom section, which
 *    tells wit-component what the module's imports and exports mean;
 * 3. `componentNew` wraps the module into a component, checking each import and export against
 *    the canonical ABI signature the world implies.
 *
 * wasm-tools needs a `/` preopen before it is loaded (see root-preopen.js).
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { addRootPreopen } from './root-preopen.js';
import { stageWit } from './wit.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    out: { type: 'string', short: 'o' },
    world: { type: 'string', default: 'http-handler' },
  },
});
const [sourcePath] = positionals;
if (!sourcePath || !values.out) {
  console.error('usage: wat-component.js <source.wat> -o <out.wasm> [--world http-handler|spin-http]');
  process.exit(2);
}

await addRootPreopen('@bytecodealliance/jco-transpile');
const { componentEmbed, componentNew, parse } = await import('@bytecodealliance/jco-transpile/wasm-tools');

/**
 * Compiles WAT text into a component for the given world of the staged WIT.
 * @param {string} wat
 * @param {string} world
 * @returns {Promise<Uint8Array>}
 */
async function watToComponent(wat, world) {
  const core = await parse(wat);
  const witPath = await stageWit();
  try {
    const embedded = await componentEmbed({
      binary: core,
      witPath,
      world,
      stringEncoding: 'utf8',
      metadata: [['language', [['WAT', '']]]],
    });
    return await componentNew(embedded);
  } finally {
    await rm(witPath, { recursive: true, force: true });
  }
}

const started = performance.now();
const wat = await readFile(resolve(sourcePath), 'utf8');
let component;
try {
  component = await watToComponent(wat, values.world);
} catch (error) {
  // wasm-tools throws Errors carrying its diagnostic (a WAT syntax error or a signature mismatch).
  const message = error instanceof Error ? error.message : JSON.stringify(error);
  console.error(`[swerve] ${sourcePath}: ${message}`);
  process.exit(1);
}
const outPath = resolve(values.out);
await mkdir(dirname(outPath), { recursive: true });
await writeFile(outPath, component);
const seconds = ((performance.now() - started) / 1000).toFixed(2);
console.log(`assembled ${sourcePath} -> ${values.out} (${component.byteLength} bytes, ${seconds} s)`);
