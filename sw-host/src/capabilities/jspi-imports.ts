/**
 * The JSPI list jco generates the glue with (`asyncMode.val.imports`), derived from the
 * capability table: each host function that returns a promise while the guest waits
 * synchronously, named `interface#function`. An interface accepted at one version only is named
 * with it (`fermyon:spin/key-value@2.0.0#…`); one accepted at any WASI 0.2 patch release without
 * (`wasi:io/poll#…`), so every release's import matches.
 */
import { WASI_P2_CAPABILITIES, WASI_P3_CAPABILITIES, type Capability } from './host-capabilities.ts';

/** The WASI 0.2 handler export the glue awaits (JSPI's promising export). */
export const JSPI_EXPORTS: readonly string[] = ['wasi:http/incoming-handler#handle'];

const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Whether a capability accepts its WIT version alone. */
const atOneVersion = (capability: Capability) => capability.versions === escaped(capability.witVersion);

function jspiImportsOf(capabilities: readonly Capability[]): string[] {
  const names: string[] = [];
  for (const capability of capabilities) {
    const version = atOneVersion(capability) ? `@${capability.witVersion}` : '';
    for (const [iface, host] of Object.entries(capability.interfaces)) {
      for (const fn of host.jspi ?? []) names.push(`${iface}${version}#${fn}`);
    }
  }
  return names;
}

/** Every JSPI import of both worlds, once each, in the table's order. */
export const JSPI_IMPORTS: readonly string[] = [
  ...new Set([...jspiImportsOf(WASI_P2_CAPABILITIES), ...jspiImportsOf(WASI_P3_CAPABILITIES)]),
];
