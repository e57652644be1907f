#!/usr/bin/env node
// @ts-check
/**
 * The `swerve` command (`npx swerve up path/to/app`). The command is TypeScript, which Node 20
 * cannot import, so it is loaded through Vite's module runner (the way the site's Vite config is
 * loaded with `--configLoader runner`); dependencies stay plain Node imports.
 */
import { fileURLToPath } from 'node:url';
import { runnerImport } from 'vite';

const entry = fileURLToPath(new URL('../src/cli/main.ts', import.meta.url));
/** @type {{ module: { runSwerve(argv: string[]): Promise<number> } }} */
const { module } = await runnerImport(entry);
process.exitCode = await module.runSwerve(process.argv.slice(2));
