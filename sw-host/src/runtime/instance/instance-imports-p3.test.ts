/**
 * What a WASI 0.3 instance imports, checked against the glue jco generates, with the host's own
 * transpile, for the platform fixture (components/fixtures/http-p3-platform): every interface
 * and function the glue asks for is there, each release's under its own key.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { builtFile } from '../../built-components.test-helper.ts';
import { transpileComponent } from '../../component/transpile-component.ts';
import { p3TestImports } from './instance-imports-p3.test-helper.ts';
import { WASI_P3_CAPABILITIES } from '../../capabilities/host-capabilities.ts';
import { WASI_P2_VERSIONS } from '../../capabilities/wasi-versions.ts';
import { WASI_P2_KEY_SUFFIX } from '../../component/wasi-p2-keys.ts';

/** For what is not about deadlines: an instance never stopped. */
const NEVER_STOPPED = { signal: new AbortController().signal, guard: <T>(imports: T) => imports };
const imports = () => p3TestImports(NEVER_STOPPED);

/** `const { a, b } = imports['key']` in the glue: the key and the names it takes. */
function glueImports(glue: string): Map<string, string[]> {
  const asked = new Map<string, string[]>();
  for (const [, names, key] of glue.matchAll(/const \{ ([^}]+) \} = imports\['([^']+)'\]/g)) {
    asked.set(
      key!,
      names!.split(',').map((name) => name.trim().split(':')[0]!.trim()),
    );
  }
  return asked;
}

describe('p3InstanceImports', () => {
  beforeEach(() => vi.stubGlobal('self', { location: { origin: 'http://127.0.0.1:4173' } }));
  afterEach(() => vi.unstubAllGlobals());

  it("gives everything the platform fixture's glue asks for, its WASI 0.2 imports under keys of their own", async () => {
    const { glue } = await transpileComponent(
      builtFile('fixtures/http-p3-platform/dist/http-p3-platform.wasm'),
      'p3/api',
    );
    const asked = glueImports(glue);
    expect([...asked.keys()].sort()).toEqual([
      'wasi:cli/environment',
      'wasi:cli/environment@0.2',
      'wasi:cli/exit',
      'wasi:cli/stderr@0.2',
      'wasi:clocks/monotonic-clock',
      'wasi:clocks/monotonic-clock@0.2',
      'wasi:clocks/system-clock',
      'wasi:http/types',
      'wasi:io/error@0.2',
      'wasi:io/poll@0.2',
      'wasi:io/streams@0.2',
      'wasi:random/random',
    ]);
    const { object } = imports();
    const missing = [...asked].flatMap(([key, names]) =>
      names.filter((name) => object[key]?.[name] === undefined).map((name) => `${key} ${name}`),
    );
    expect(missing).toEqual([]);
  });

  it('provides every interface of the WASI 0.3 capability table, and no other, WASI 0.2 keyed apart', () => {
    const provided = Object.keys(imports().object)
      // preview2-shim's WASI 0.2 import object also names the handler export, which no component
      // may import (the compatibility check refuses it).
      .filter((name) => name !== `wasi:http/incoming-handler${WASI_P2_KEY_SUFFIX}`)
      .sort();
    const table = WASI_P3_CAPABILITIES.flatMap((capability) => {
      const keyed = capability.versions === WASI_P2_VERSIONS ? WASI_P2_KEY_SUFFIX : '';
      return Object.entries(capability.interfaces)
        .filter(([, host]) => host.module !== undefined)
        .map(([name]) => `${name}${keyed}`);
    }).sort();
    expect(provided).toEqual(table);
  });

  it("the environment is the same through both releases: the manifest's, with the deploy's on top", () => {
    const { object } = imports();
    const expected = [
      ['FROM_MANIFEST', 'manifest'],
      ['BOTH', 'deploy'],
      ['FROM_DEPLOY', 'deploy'],
    ];
    const p3 = object['wasi:cli/environment']!['getEnvironment'] as () => unknown;
    const p2 = object['wasi:cli/environment@0.2']!['getEnvironment'] as () => unknown;
    expect(p3()).toEqual(expected);
    expect(p2()).toEqual(expected);
  });

  it('WASI 0.2 stderr goes to the sinks current at each write', () => {
    const { object, lines } = imports();
    const getStderr = object['wasi:cli/stderr@0.2']!['getStderr'] as () => {
      blockingWriteAndFlush(bytes: Uint8Array): void;
    };
    getStderr().blockingWriteAndFlush(new TextEncoder().encode('to stderr\n'));
    expect(lines).toEqual(['err to stderr']);
  });
});
