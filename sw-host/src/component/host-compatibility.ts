/**
 * Whether the host can run a component: it must be a component (not a core module, but for a
 * Spin 1 HTTP module, which the host runs through its ABI: spin1/), export
 * `wasi:http/incoming-handler` (WASI 0.2) or `wasi:http/handler` (WASI 0.3: the final release or
 * Spin 4.0's release candidate, wasi-p3-releases.ts), and import only interfaces the host
 * provides to it. The
 * check runs on the binary's import and export names alone, before any code is generated, so a
 * component with hostile names never reaches the transpiler.
 */
import { SwerveError } from '../errors.ts';
import { readComponentSurface } from './component-binary.ts';
import { coreModuleProblem, describeCoreModule } from './core-module-kind.ts';
import {
  interfacesAtTwoWasiP3Versions,
  isServedWasiP3Version,
  SERVED_WASI_P3_VERSION,
  WASI_P3_RELEASE_CANDIDATE,
} from './wasi-p3-releases.ts';

/** Interfaces the host provides, by package and interface name, with the versions it accepts. */
const WASI_P2 = {
  pattern: /^wasi:(cli|clocks|filesystem|io|random|sockets)\/[a-z][a-z0-9-]*@0\.2\.\d+$/,
  describe: 'wasi:cli, wasi:clocks, wasi:filesystem, wasi:io, wasi:random, wasi:sockets @0.2.x',
};
const WASI_HTTP_P2 = {
  pattern: /^wasi:http\/(types|outgoing-handler)@0\.2\.\d+$/,
  describe: 'wasi:http/types and outgoing-handler @0.2.x',
};

const WASI_CONFIG = {
  pattern: /^wasi:config\/store@0\.2\.0-draft-2024-09-27$/,
  describe: 'wasi:config/store @0.2.0-draft-2024-09-27',
};

const PROVIDED: { pattern: RegExp; describe: string }[] = [
  WASI_P2,
  WASI_HTTP_P2,
  {
    pattern: /^fermyon:spin\/(key-value|variables)@2\.0\.0$/,
    describe: 'fermyon:spin/key-value and variables @2.0.0',
  },
  {
    pattern: /^(fermyon:spin\/sqlite@2\.0\.0|spin:sqlite\/sqlite@3\.0\.0)$/,
    describe: 'fermyon:spin/sqlite @2.0.0 and spin:sqlite/sqlite @3.0.0',
  },
  {
    pattern: /^wasi:keyvalue\/(store|atomics|batch)@0\.2\.0-draft2$/,
    describe: 'wasi:keyvalue @0.2.0-draft2',
  },
  WASI_CONFIG,
];

const HANDLER_EXPORT = /^wasi:http\/incoming-handler@0\.2\.\d+$/;

/**
 * WASI 0.3's HTTP handler, final (`@0.3.0`, Spin 4.1's default) or a prerelease. The host runs
 * the final ones and Spin 4.0's release candidate (`@0.3.0-rc-2026-03-15`) that import only what
 * it provides WASI 0.3 components (docs/decisions/0018-wasi-0-3.md); any other prerelease is
 * refused saying so.
 */
const P3_HANDLER_EXPORT = /^wasi:http\/handler@(0\.3\.\d+(?:-[a-z0-9.-]+)?)$/;

/** A WASI 0.3 interface at a version the host serves (0.3.x or the release candidate). */
const wasiP3 = (interfaces: string) => new RegExp(`^wasi:${interfaces}@${SERVED_WASI_P3_VERSION}$`);

/**
 * What a WASI 0.3 component may import, one entry per host side (sw-host/src/wasi/*-p3/ and the
 * Spin interfaces' WASI 0.3 versions). `wasi:cli/types` and `wasi:clocks/types` hold only types
 * (nothing to provide). Each `wasi:*` @0.3.x entry takes the release candidate's name too.
 */
const P3_PROVIDED: { pattern: RegExp; describe: string }[] = [
  { pattern: wasiP3('http/types'), describe: 'wasi:http/types @0.3.x' },
  {
    pattern: wasiP3(
      'cli/(environment|exit|stdin|stdout|stderr|types|terminal-(input|output|stdin|stdout|stderr))',
    ),
    describe: 'wasi:cli @0.3.x (environment, exit, stdin, stdout, stderr, terminal-*, types)',
  },
  {
    pattern: wasiP3('clocks/(monotonic-clock|system-clock|types)'),
    describe: 'wasi:clocks/monotonic-clock, system-clock and types @0.3.x',
  },
  { pattern: wasiP3('random/(random|insecure|insecure-seed)'), describe: 'wasi:random @0.3.x' },
  { pattern: wasiP3('http/client'), describe: 'wasi:http/client @0.3.x' },
  {
    pattern: /^spin:(key-value\/key-value|variables\/variables)@3\.0\.0$/,
    describe: 'spin:key-value/key-value and spin:variables/variables @3.0.0',
  },
  { pattern: /^spin:sqlite\/sqlite@3\.1\.0$/, describe: 'spin:sqlite/sqlite @3.1.0' },
  // What Rust's std on wasm32-wasip2 imports beside a WASI 0.3 SDK's imports: the WASI 0.2 host
  // side a WASI 0.2 component gets (runtime/instance/p3-instance-imports.ts).
  WASI_P2,
  WASI_HTTP_P2,
  // Synchronous, answered from the component's variables (spin-sdk 6 reaches wasi:config
  // through its `experimental` module).
  { pattern: /^fermyon:spin\/variables@2\.0\.0$/, describe: 'fermyon:spin/variables @2.0.0' },
  WASI_CONFIG,
];

const BUILD_FOR_P2 =
  "Build the component for WASI 0.2 to use them: with Spin's http-rust-p2 template for Rust, " +
  'or any toolchain that targets wasi:http@0.2 (the Spin JS SDK does).';

const P3_RELEASES =
  `the final wasi:http@0.3.x (Spin 4.1's) and the release candidate ${WASI_P3_RELEASE_CANDIDATE} ` +
  "(Spin 4.0's)";

/** Why a WASI 0.3 HTTP component cannot run, or undefined when it can. */
function wasiP3Problem(
  label: string,
  handlerExport: string,
  version: string,
  imports: string[],
): string | undefined {
  const what = `${label} exports ${handlerExport}, a WASI 0.3 HTTP component (what Spin 4 builds by default)`;
  if (!isServedWasiP3Version(version)) {
    return (
      `${what}, built for a prerelease of WASI 0.3 (${version}) that Swerve does not serve. Swerve ` +
      `runs WASI 0.3 components built for ${P3_RELEASES}: rebuild it with Spin 4's SDK and ` +
      `templates. ${BUILD_FOR_P2}`
    );
  }
  const twice = interfacesAtTwoWasiP3Versions([...imports, handlerExport]);
  if (twice.size > 0) {
    const named = [...twice].map(([iface, versions]) => `${iface} (${versions.join(' and ')})`);
    return (
      `${what}, that uses ${named.join(', ')} at two WASI 0.3 versions. Swerve serves ` +
      `${P3_RELEASES} with one host side, so a component must use one of them for each interface: ` +
      'build it against one WASI 0.3 release.'
    );
  }
  const missing = imports.filter((name) => !P3_PROVIDED.some(({ pattern }) => pattern.test(name)));
  if (missing.length === 0) return undefined;
  return (
    `${what}, that imports interfaces Swerve does not provide to WASI 0.3 components yet: ` +
    `${missing.map((name) => JSON.stringify(name)).join(', ')}. Swerve gives a WASI 0.3 component ` +
    `${P3_PROVIDED.map((entry) => entry.describe).join('; ')} (each wasi:* @0.3.x interface also ` +
    `at ${WASI_P3_RELEASE_CANDIDATE}). ${BUILD_FOR_P2}`
  );
}

/** The interfaces the host provides, for messages and docs. */
export const PROVIDED_INTERFACES = PROVIDED.map((entry) => entry.describe);

/**
 * Throws a `component-invalid` SwerveError that lists everything wrong with the component,
 * or returns its imports when the host can run it.
 */
export function checkHostCompatibility(
  bytes: Uint8Array,
  label: string,
): { imports: string[]; wasiP3: boolean; spin1?: true } {
  const surface = readComponentSurface(bytes, label);
  if (surface.kind === 'core-module') {
    let kind;
    try {
      kind = describeCoreModule(bytes);
    } catch (error) {
      throw new SwerveError(
        'component-invalid',
        `${label} is a malformed core module: ${(error as Error).message}.`,
      );
    }
    // A Spin 1 HTTP module runs through the host's implementation of its ABI (spin1/).
    if (kind.kind === 'spin-1-http' && kind.problems.length === 0) {
      return { imports: [], wasiP3: false, spin1: true };
    }
    throw new SwerveError('component-invalid', coreModuleProblem(kind, label));
  }
  const p3Handler = surface.exports.find((name) => P3_HANDLER_EXPORT.test(name));
  if (p3Handler) {
    const version = P3_HANDLER_EXPORT.exec(p3Handler)![1]!;
    const problem = wasiP3Problem(label, p3Handler, version, surface.imports);
    if (problem) throw new SwerveError('component-invalid', problem);
    return { imports: surface.imports, wasiP3: true };
  }
  const problems: string[] = [];
  if (surface.exports.some((name) => name.startsWith('fermyon:spin/inbound-http'))) {
    problems.push(
      "it exports fermyon:spin/inbound-http, Spin 2's own HTTP interface, which Swerve does not provide: " +
        'rebuild it with a Spin SDK that targets wasi:http (spin-sdk 3 or newer for Rust, the current Spin JS SDK)',
    );
  } else if (!surface.exports.some((name) => HANDLER_EXPORT.test(name))) {
    const exported = surface.exports.length ? surface.exports.join(', ') : 'nothing';
    problems.push(`it does not export wasi:http/incoming-handler@0.2.x (it exports ${exported})`);
  }
  const missing = surface.imports.filter((name) => !PROVIDED.some(({ pattern }) => pattern.test(name)));
  if (missing.length) {
    problems.push(
      `it imports interfaces the host does not provide: ${missing.map((name) => JSON.stringify(name)).join(', ')}`,
    );
  }
  if (problems.length) {
    throw new SwerveError(
      'component-invalid',
      `${label} cannot run in Swerve: ${problems.join('; ')}. Swerve provides ${PROVIDED_INTERFACES.join('; ')}.`,
    );
  }
  return { imports: surface.imports, wasiP3: false };
}
