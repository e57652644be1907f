/**
 * Transpiles a component in the browser with jco's own generator (the same code and options
 * the Node pipeline uses), for components deployed at run time. The generator's Wasm (~3.5 MB)
 * is fetched and compiled on first use only.
 *
 * Call it only on components that passed `checkHostCompatibility`, so that no name from an
 * unchecked component ends up in generated code.
 */
import { $init, generate, type GenerateOptions } from '@bytecodealliance/jco-transpile/component';
import { SwerveError } from '../errors.ts';
import { SPIN1_GLUE, SPIN1_MODULE_FILE } from '../spin1/artifacts.ts';
import { checkHostCompatibility } from './host-compatibility.ts';
import { instrumentCoreModule } from './instrument-core-module.ts';
import { glueExportsWasiP3Handler } from './glue-exports.ts';
import { withPromptTicks } from './glue-ticks-p3.ts';
import { wasiP2ImportMap } from './wasi-p2-keys.ts';
import { JSPI_EXPORTS, JSPI_IMPORTS } from '../capabilities/jspi-imports.ts';
import generateOptions from './generate-options.json';

/**
 * The Node pipeline's options (generate-options.json), with the JSPI list taken from the
 * capability table itself (the JSON's copy is checked against it).
 */
const OPTIONS = {
  ...generateOptions,
  asyncMode: { tag: 'jspi', val: { imports: [...JSPI_IMPORTS], exports: [...JSPI_EXPORTS] } },
} as GenerateOptions;

/**
 * The glue of a WASI 0.3 guest that writes a stream with a blocking `stream.write`: jco 1.35
 * wraps the built-in in a JSPI suspension, and Chromium never resumes the guest there
 * (docs/decisions/0018-wasi-0-3.md; e2e/tests/wasi-p3.spec.ts reproduces it). An async
 * `stream.write` is a plain call and runs.
 */
const BLOCKING_STREAM_WRITE = /new WebAssembly\.Suspending\(_suspendingImport\(\d+, streamWrite\.bind/;

export interface TranspiledBytes {
  glue: string;
  /** Core module file name (as the glue asks for it) → bytes, instrumented for deadlines. */
  coreModules: Record<string, Uint8Array>;
}

/**
 * Transpiles a component and instruments its core modules for deadlines, so what is stored
 * (once per content hash) is ready to compile.
 */
export async function transpileComponent(bytes: Uint8Array, label: string): Promise<TranspiledBytes> {
  await $init;
  // A WASI 0.3 component's WASI 0.2 imports get keys of their own (wasi-p2-keys.ts).
  const { imports, wasiP3, spin1 } = checkHostCompatibility(bytes, label);
  // A Spin 1 module has nothing to transpile: it is instrumented and run as it is (spin1/).
  if (spin1) {
    return {
      glue: SPIN1_GLUE,
      coreModules: { [SPIN1_MODULE_FILE]: instrumentCoreModule(bytes, label, SPIN1_MODULE_FILE) },
    };
  }
  const options: GenerateOptions = wasiP3 ? { ...OPTIONS, map: wasiP2ImportMap(imports) } : OPTIONS;
  let files: [string, Uint8Array][];
  try {
    ({ files } = generate(bytes, options));
  } catch (error) {
    const detail = (error as { payload?: unknown }).payload ?? error;
    throw new SwerveError('component-invalid', `Could not transpile ${label}: ${String(detail)}`, {
      cause: error,
    });
  }
  let glue: string | undefined;
  const coreModules: Record<string, Uint8Array> = {};
  for (const [name, contents] of files) {
    if (name.endsWith('.wasm')) coreModules[name] = instrumentCoreModule(contents, label, name);
    else if (name.endsWith('.js')) glue = new TextDecoder().decode(contents);
  }
  if (glue === undefined)
    throw new SwerveError('component-invalid', `Transpiling ${label} produced no glue.`);
  if (BLOCKING_STREAM_WRITE.test(glue)) {
    throw new SwerveError(
      'component-invalid',
      `${label} writes a stream with a blocking (synchronous) stream.write, which Swerve cannot ` +
        'run yet: the toolchain it uses (jco 1.35) suspends the guest there and the browser never ' +
        'resumes it, so its requests would never be answered. Write with the async stream.write ' +
        '(and wait for it in a waitable set), or build the component ' +
        'for WASI 0.2.',
    );
  }
  // A WASI 0.3 guest's waits are resumed by the glue's tick loop: without its 10 ms delays.
  if (glueExportsWasiP3Handler(glue)) glue = withPromptTicks(glue).glue;
  return { glue, coreModules };
}
