#!/usr/bin/env node
// @ts-check
/**
 * Builds one JavaScript handler into a WASI 0.2 component with componentize-js:
 *
 *   node componentize.js src/hello.js -o dist/hello.wasm [--world http-handler]
 *
 * This is the command an example's `[component.<id>.build]` section runs, from the app's folder,
 * just as `spin build` would. It calls componentize-js's API rather than its CLI, which fails
 * for want of a `/` preopen (see root-preopen.js).
 */
import { runComponentCommand } from './component-command.js';

await runComponentCommand({
  name: 'componentize.js',
  sourceKind: 'source.js',
  verb: 'componentized',
  toolPackage: '@bytecodealliance/componentize-js',
  async build({ sourcePath, witPath, world }) {
    const { componentize } = await import('@bytecodealliance/componentize-js');
    const { component } = await componentize({ sourcePath, witPath, worldName: world });
    return component;
  },
});
