// @ts-check
/**
 * What every component build command shares (componentize.js, wat-component.js):
 *
 *   node <command>.js <source> -o <out.wasm> [--world http-handler] [--core | --module]
 *     [--wit-p3 <dir> [--wasi-p3-version 0.3.0-rc-2026-03-15]]
 *
 * It parses those arguments, gives the toolchain its `/` preopen (see root-preopen.js), stages
 * the WIT for the build and removes it afterwards, writes the component and says how long it took.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { addRootPreopen } from './root-preopen.js';
import { stageWit, stageWitP3, WASI_P3_RC_VERSION, WASI_P3_VERSION } from './wit.js';

/**
 * @typedef {object} ComponentCommand
 * @property {string} name          the script's name, for the usage line
 * @property {string} sourceKind    e.g. `source.js`
 * @property {string} verb          what the build did, e.g. `componentized`
 * @property {string} toolPackage   the package whose preview2-shim needs the `/` preopen
 * @property {(input: { sourcePath: string, witPath: string, world: string, core: boolean, module: boolean, wasiP3Version?: string }) => Promise<Uint8Array>} build
 */

/** @param {ComponentCommand} command */
export async function runComponentCommand(command) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      out: { type: 'string', short: 'o' },
      world: { type: 'string', default: 'http-handler' },
      // Stop at the core module with its WIT embedded, as `cargo build --target wasm32-wasip1`
      // with wit-bindgen leaves it (Spin componentizes such modules when it loads them).
      core: { type: 'boolean', default: false },
      // Stop at the bare core module, no WIT embedded: what Spin 1 SDKs (wit-bindgen 0.2) built.
      module: { type: 'boolean', default: false },
      // Build against an app's own WIT folder and WASI 0.3.0 instead of the shared WIT and
      // WASI 0.2 (the WASI 0.3 fixture uses it).
      'wit-p3': { type: 'string' },
      // With --wit-p3: build for this WASI 0.3 release (the world's and the source's @0.3.0
      // names re-versioned), so one fixture covers Spin 4.0's release candidate too.
      'wasi-p3-version': { type: 'string' },
    },
  });
  const [sourcePath] = positionals;
  if (!sourcePath || !values.out) {
    console.error(
      `usage: ${command.name} <${command.sourceKind}> -o <out.wasm> [--world http-handler|spin-http|...]`,
    );
    process.exit(2);
  }
  const witP3 = values['wit-p3'];
  const wasiP3Version = values['wasi-p3-version'];
  if (
    wasiP3Version !== undefined &&
    (!witP3 || ![WASI_P3_VERSION, WASI_P3_RC_VERSION].includes(wasiP3Version))
  ) {
    console.error(
      `${command.name}: --wasi-p3-version takes ${WASI_P3_VERSION} or ${WASI_P3_RC_VERSION}, with --wit-p3`,
    );
    process.exit(2);
  }
  await addRootPreopen(command.toolPackage);
  const started = performance.now();
  const witPath = witP3 ? await stageWitP3(resolve(witP3), wasiP3Version) : await stageWit();
  let component;
  try {
    component = await command.build({
      sourcePath: resolve(sourcePath),
      witPath,
      world: values.world ?? 'http-handler',
      core: values.core ?? false,
      module: values.module ?? false,
      wasiP3Version,
    });
  } catch (error) {
    // The toolchains throw Errors carrying their diagnostics (a syntax error, a signature mismatch).
    const message = error instanceof Error ? error.message : JSON.stringify(error);
    console.error(`[swerve] ${sourcePath}: ${message}`);
    process.exit(1);
  } finally {
    await rm(witPath, { recursive: true, force: true });
  }
  const outPath = resolve(values.out);
  await mkdir(dirname(outPath), { recursive: true });
  await writeFile(outPath, component);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`${command.verb} ${sourcePath} -> ${values.out} (${component.byteLength} bytes, ${seconds} s)`);
}
