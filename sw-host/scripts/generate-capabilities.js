// @ts-check
/**
 * Writes every file generated from the host's capability table
 * (sw-host/src/capabilities/generate/capability-files.ts): `npm run generate:capabilities`.
 * With `--check` it writes nothing and fails if a committed file is stale.
 *
 * The table is TypeScript, so it is loaded through Vite's module runner; jco's type generator
 * runs on Node's own preview2-shim, which the unit tests' aliases would swap for the browser's.
 */
import { runnerImport } from 'vite';

/** @type {{ module: typeof import('../src/capabilities/generate/capability-files.ts') }} */
const { module } = await runnerImport(
  new URL('../src/capabilities/generate/capability-files.ts', import.meta.url).pathname,
);
if (process.argv.includes('--check')) {
  const stale = await module.staleCapabilityFiles();
  if (stale.length > 0) {
    console.error(
      `These files are not what the capability table generates: ${stale.join(', ')}. ` +
        'Run `npm run generate:capabilities` and commit the result.',
    );
    process.exit(1);
  }
  console.log('Every file generated from the capability table is current.');
} else {
  const written = await module.writeCapabilityFiles();
  console.log(`Wrote ${written.length} files, and staged the worlds' WIT dependencies.`);
}
