#!/usr/bin/env node
// @ts-check
/**
 * Builds one JavaScript handler into a WASI 0.2 component:
 *
 *   node componentize.js src/hello.js -o dist/hello.wasm [--world http-handler]
 *
 * This is the command an example's `[component.<id>.build]` section runs, from the app's folder,
 * just as `spin build` would.
 *
 * It calls componentize-js's API rather than its CLI, which fails for want of a `/` preopen
 * (see root-preopen.js).
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
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
  console.error('usage: componentize.js <source.js> -o <out.wasm> [--world http-handler|spin-http]');
  process.exit(2);
}

await addRootPreopen('@bytecodealliance/componentize-js');
const { componentize } = await import('@bytecodealliance/componentize-js');

const started = performance.now();
const witPath = await stageWit();
let component;
try {
  ({ component } = await componentize({
    sourcePath: resolve(sourcePath),
    witPath,
    worldName: values.world,
  }));
} finally {
  await rm(witPath, { recursive: true, force: true });
}
const outPath = resolve(values.out);
await mkdir(dirname(outPath), { recursive: true });
await writeFile(outPath, component);
const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.log(`componentized ${sourcePath} -> ${values.out} (${component.byteLength} bytes, ${seconds} s)`);
