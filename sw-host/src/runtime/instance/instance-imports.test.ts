/**
 * Every host function that returns a promise must be in the JSPI list jco generates the glue
 * with (derived from the capability table, capabilities/jspi-imports.ts): one missing makes the guest
 * receive a Promise object instead of blocking on it. The other way round, every listed name
 * must still exist, or a rename has silently dropped it.
 *
 * Host functions declare themselves async by being `async`; preview2-shim's streams and
 * pollables, which return promises only when they must wait, are listed by name.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { JSPI_IMPORTS } from '../../capabilities/jspi-imports.ts';
import { WASI_P2_CAPABILITIES } from '../../capabilities/host-capabilities.ts';
import type { InProcessServer } from './app-outbound.ts';
import type { AppDefinition } from '../../apps/app-definition.ts';
import { DeployedApp } from '../../apps/deployed-app.ts';
import { instanceImports } from './instance-imports.ts';
import { GuestDeadline } from '../../core-wasm/guest-deadline.ts';

const MANIFEST = `spin_manifest_version = 2
[application]
name = "all"
[[trigger.http]]
route = "/..."
component = "web"
[component.web]
source = "web.wasm"
key_value_stores = ["default"]
`;

const unused = async (): Promise<Response> => {
  throw new Error('not called');
};
const server: InProcessServer = { handle: unused, handleChained: unused };

function importObject(): Record<string, unknown> {
  const definition: AppDefinition = {
    name: 'all',
    mount: '/apps/all/',
    manifestText: MANIFEST,
    manifestFile: 'spin.toml',
    variables: {},
    keyValueStores: [],
    components: { web: { kind: 'stored', version: 'v1' } },
    files: {},
    origin: 'deployed',
    deployedAt: 0,
  };
  const app = DeployedApp.prepare(definition).app;
  const sinks = { stdout: () => {}, stderr: () => {}, warn: () => {} };
  return instanceImports(app, app.components.get('web')!, sinks, new GuestDeadline(10_000), server);
}

const kebab = (name: string) =>
  name.replace(/[A-Z]/g, (c, at: number) => `${at === 0 ? '' : '-'}${c.toLowerCase()}`);

/** Every function of an import object, named as jco's `--async-imports` names them. */
function hostFunctions(imports: Record<string, unknown>): Map<string, (...args: never[]) => unknown> {
  const functions = new Map<string, (...args: never[]) => unknown>();
  for (const [iface, namespace] of Object.entries(imports)) {
    for (const [name, value] of Object.entries(namespace as Record<string, unknown>)) {
      if (typeof value !== 'function') continue;
      if (!/^[A-Z]/.test(name)) {
        functions.set(`${iface}#${kebab(name)}`, value as (...args: never[]) => unknown);
        continue;
      }
      const resource = kebab(name);
      // A resource class's members, its base classes' included (the glue calls them as methods).
      const members = (target: object, kind: string, end: object) => {
        for (let level = target; level !== end; level = Object.getPrototypeOf(level) as object) {
          for (const key of Object.getOwnPropertyNames(level)) {
            const member = Object.getOwnPropertyDescriptor(level, key)?.value as unknown;
            const name = `${iface}#[${kind}]${resource}.${kebab(key)}`;
            if (key === 'constructor' || typeof member !== 'function' || functions.has(name)) continue;
            functions.set(name, member as (...args: never[]) => unknown);
          }
        }
      };
      members(value, 'static', Function.prototype);
      members((value as { prototype: object }).prototype, 'method', Object.prototype);
    }
  }
  return functions;
}

/** The JSPI list, with versions removed (jco's import object is keyed without them). */
const jspiImports = JSPI_IMPORTS.map((name) => name.replace(/@[^#]+#/, '#'));

describe('the JSPI async import list', () => {
  beforeEach(() => {
    vi.stubGlobal('self', { location: { origin: 'http://127.0.0.1:4173' } });
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('lists every async host function', () => {
    const functions = hostFunctions(importObject());
    const asyncOnes = [...functions]
      .filter(([, fn]) => fn.constructor.name === 'AsyncFunction')
      .map(([name]) => name);
    expect(asyncOnes.length).toBeGreaterThan(10);
    expect(asyncOnes.filter((name) => !jspiImports.includes(name))).toEqual([]);
  });

  it('provides every interface of the capability table, and no other', () => {
    // preview2-shim's import object also names the handler export, which no component may import
    // (the compatibility check refuses it): its host side only throws.
    const provided = Object.keys(importObject())
      .filter((name) => name !== 'wasi:http/incoming-handler')
      .sort();
    const table = WASI_P2_CAPABILITIES.flatMap((capability) =>
      Object.entries(capability.interfaces)
        .filter(([, host]) => host.module !== undefined)
        .map(([name]) => name),
    ).sort();
    expect(provided).toEqual(table);
  });

  it('names only functions the host provides', () => {
    const functions = hostFunctions(importObject());
    expect(jspiImports.filter((name) => !functions.has(name))).toEqual([]);
  });

  it('leaves wasi:http/outgoing-handler#handle synchronous: it returns a future, and the guest blocks on its pollable', () => {
    const functions = hostFunctions(importObject());
    expect(functions.get('wasi:http/outgoing-handler#handle')?.constructor.name).toBe('Function');
    expect(jspiImports).toContain('wasi:io/poll#[method]pollable.block');
  });
});
