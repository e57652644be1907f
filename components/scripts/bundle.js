#!/usr/bin/env node
// @ts-check
/**
 * Bundles a JavaScript handler and the npm packages it imports into one ES module, for
 * componentize-js (whose engine resolves only relative imports and WIT interfaces):
 *
 *   node bundle.js src/runner.js -o dist/runner.bundle.js
 *
 * WIT imports (`wasi:…`, `fermyon:…`) stay imports: componentize-js binds them to the world.
 */
import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { build } from 'rolldown';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { out: { type: 'string', short: 'o' } },
});
const [sourcePath] = positionals;
if (!sourcePath || !values.out) {
  console.error('usage: bundle.js <source.js> -o <out.js>');
  process.exit(2);
}
const started = performance.now();
const outPath = resolve(values.out);
await mkdir(dirname(outPath), { recursive: true });
try {
  await build({
    input: resolve(sourcePath),
    external: [/^(wasi|fermyon):/],
    platform: 'neutral',
    logLevel: 'warn',
    output: { file: outPath, format: 'esm', minify: false, codeSplitting: false },
  });
} catch (error) {
  console.error(`[swerve] ${sourcePath}: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.log(`bundled ${sourcePath} -> ${values.out} (${seconds} s)`);
