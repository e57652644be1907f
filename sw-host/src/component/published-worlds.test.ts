/**
 * The published worlds fit the components Swerve runs, as Spin's target check would find: each
 * import of a component the host accepts is in the world for its kind, at a compatible version
 * (the same WASI 0.2 or 0.3 release line, the same version otherwise), and its handler is the
 * world's export. A component the host refuses does not fit.
 */
import { describe, expect, it } from 'vitest';
import { builtFile } from '../built-components.test-helper.ts';
import { readComponentSurface } from './component-binary.ts';
import { HOST_WORLDS, worldImports, type HostWorld } from '../capabilities/host-worlds.ts';

const [P2_WORLD, P3_WORLD] = HOST_WORLDS as [HostWorld, HostWorld];

/** `0.2.10` → `0.2`; `2.0.0` stays: the part a compatible version shares. */
const releaseLine = (version: string) =>
  version.startsWith('0.') ? version.split('.').slice(0, 2).join('.') : version;

const unversioned = (name: string) => name.split('@') as [string, string];

/** The names of `names` the world has no compatible import for. */
function notInWorld(world: HostWorld, names: readonly string[]): string[] {
  const offered = worldImports(world).map(unversioned);
  return names.filter((name) => {
    const [iface, version] = unversioned(name);
    return !offered.some(([other, at]) => other === iface && releaseLine(at) === releaseLine(version));
  });
}

describe('the published worlds', () => {
  it.each([
    ['examples/hello/dist/hello.wasm', P2_WORLD],
    ['examples/kv-counter/dist/kv-counter.wasm', P2_WORLD],
    ['fixtures/probe/dist/probe.wasm', P2_WORLD],
    ['fixtures/outbound/dist/raw.wasm', P2_WORLD],
    ['components/runner', P2_WORLD],
    ['fixtures/http-p3-platform/dist/http-p3-platform.wasm', P3_WORLD],
    ['fixtures/http-p3-spin/dist/http-p3-spin.wasm', P3_WORLD],
  ] as const)('fit %s', (path, world) => {
    const file = path === 'components/runner' ? 'runner/dist/runner.wasm' : path;
    const surface = readComponentSurface(builtFile(file), file);
    if (surface.kind !== 'component') throw new Error(`${file} is not a component`);
    expect(notInWorld(world, surface.imports)).toEqual([]);
    expect(surface.exports.map((name) => releaseLine(name.split('@')[1]!))).toContain(
      releaseLine(world.handler.split('@')[1]!),
    );
  });

  it('do not fit a component importing an interface the host does not provide', () => {
    const file = 'fixtures/unknown-import/dist/unknown-import.wasm';
    const surface = readComponentSurface(builtFile(file), file);
    if (surface.kind !== 'component') throw new Error(`${file} is not a component`);
    expect(notInWorld(P2_WORLD, surface.imports)).toEqual(['swerve:test-fixtures/not-provided']);
  });
});
