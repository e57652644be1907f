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
 * 2. `componentEmbed` adds the WIT world (staged by component-command.js) as a custom section, which
 *    tells wit-component what the module's imports and exports mean;
 * 3. `componentNew` wraps the module into a component, checking each import and export against
 *    the canonical ABI signature the world implies; with `--core` it stops before this step, and
 *    writes the core module with its WIT embedded (what a wasm32-wasip1 build with wit-bindgen
 *    gives, and what Spin componentizes when it loads it); with `--module` it stops at step 1, a
 *    bare core module (what Spin 1 SDKs built with wit-bindgen 0.2).
 *
 * With `--wasi-p3-version`, the source's `@0.3.0` interface names (its imports' modules and its
 * exports' names) are re-versioned before step 1, as the world is (see component-command.js).
 *
 * wasm-tools needs a `/` preopen before it is loaded (see root-preopen.js).
 */
import { readFile } from 'node:fs/promises';
import { runComponentCommand } from './component-command.js';

await runComponentCommand({
  name: 'wat-component.js',
  sourceKind: 'source.wat',
  verb: 'assembled',
  toolPackage: '@bytecodealliance/jco-transpile',
  async build({ sourcePath, witPath, world, core: coreOnly, module: bareModule, wasiP3Version }) {
    const { componentEmbed, componentNew, parse } =
      await import('@bytecodealliance/jco-transpile/wasm-tools');
    let source = await readFile(sourcePath, 'utf8');
    // An interface name ends at the closing quote of an import's module or before an export's `#`.
    if (wasiP3Version) source = source.replace(/@0\.3\.0(?=["#])/g, `@${wasiP3Version}`);
    const core = await parse(source);
    if (bareModule) return core;
    const embedded = await componentEmbed({
      binary: core,
      witPath,
      world,
      stringEncoding: 'utf8',
      metadata: [['language', [['WAT', '']]]],
    });
    return coreOnly ? embedded : componentNew(embedded);
  },
});
