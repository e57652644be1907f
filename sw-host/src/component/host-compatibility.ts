/**
 * Whether the host can run a component: it must be a component (not a core module, but for a
 * Spin 1 HTTP module, which the host runs through its ABI: spin1/), export
 * `wasi:http/incoming-handler` (WASI 0.2) or `wasi:http/handler` (WASI 0.3: the final release or
 * Spin 4.0's release candidate, wasi-p3-releases.ts), and import only interfaces the host
 * provides to it (capabilities/host-capabilities.ts). The check runs on the binary's import and export names alone, before any code is generated, so a
 * component with hostile names never reaches the transpiler.
 */
import { SwerveError } from '../errors.ts';
import { readComponentSurface } from './component-binary.ts';
import { coreModuleProblem, describeCoreModule } from './core-module-kind.ts';
import {
  capabilityFor,
  WASI_P2_CAPABILITIES,
  WASI_P3_CAPABILITIES,
  type Capability,
} from '../capabilities/host-capabilities.ts';
import { WASI_P3_RELEASE_CANDIDATE } from '../capabilities/wasi-versions.ts';
import { interfacesAtTwoWasiP3Versions, isServedWasiP3Version } from './wasi-p3-releases.ts';

/** The imports of `imports` that no capability of `capabilities` provides. */
const unprovided = (capabilities: readonly Capability[], imports: readonly string[]) =>
  imports.filter((name) => !capabilityFor(capabilities, name));

const HANDLER_EXPORT = /^wasi:http\/incoming-handler@0\.2\.\d+$/;

/**
 * WASI 0.3's HTTP handler, final (`@0.3.0`, Spin 4.1's default) or a prerelease. The host runs
 * the final ones and Spin 4.0's release candidate (`@0.3.0-rc-2026-03-15`) that import only what
 * it provides WASI 0.3 components (docs/decisions/0018-wasi-0-3.md); any other prerelease is
 * refused saying so.
 */
const P3_HANDLER_EXPORT = /^wasi:http\/handler@(0\.3\.\d+(?:-[a-z0-9.-]+)?)$/;

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
  const missing = unprovided(WASI_P3_CAPABILITIES, imports);
  if (missing.length === 0) return undefined;
  return (
    `${what}, that imports interfaces Swerve does not provide to WASI 0.3 components yet: ` +
    `${missing.map((name) => JSON.stringify(name)).join(', ')}. Swerve gives a WASI 0.3 component ` +
    `${WASI_P3_CAPABILITIES.map((entry) => entry.describe).join('; ')} (each wasi:* @0.3.x interface also ` +
    `at ${WASI_P3_RELEASE_CANDIDATE}). ${BUILD_FOR_P2}`
  );
}

/** The interfaces the host provides, for messages and docs. */
export const PROVIDED_INTERFACES = WASI_P2_CAPABILITIES.map((entry) => entry.describe);

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
  const missing = unprovided(WASI_P2_CAPABILITIES, surface.imports);
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
