#!/usr/bin/env node
// @ts-check
/**
 * The `swerve` command (`npx swerve up path/to/app`). Installed from the package, it runs the
 * compiled `dist/cli.js`. In a clone of the repository (the sources are beside it) it runs the
 * TypeScript sources through Vite's module runner instead, so edits need no build step.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const sources = fileURLToPath(new URL('../src/cli/main.ts', import.meta.url));
/** @type {{ runSwerve(argv: string[]): Promise<number> }} */
const cli = existsSync(sources)
  ? (await (await import('vite')).runnerImport(sources)).module
  : await import(new URL('../dist/cli.js', import.meta.url).href);
process.exitCode = await cli.runSwerve(process.argv.slice(2));
