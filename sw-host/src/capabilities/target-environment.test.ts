import { parse } from 'smol-toml';
import { describe, expect, it } from 'vitest';
import { HOST_WORLDS, hostWorldsWit, qualifiedWorld, worldImports } from './host-worlds.ts';
import { TARGET_WIT_DIR, targetEnvironmentToml } from './target-environment.ts';
import { WASI_P2_CAPABILITIES } from './host-capabilities.ts';

describe('the Spin target environment', () => {
  it('maps the http trigger to each world Swerve accepts, in the WIT folder beside it', () => {
    const environment = parse(targetEnvironmentToml());
    expect(environment).toEqual({
      triggers: {
        http: [
          { path: TARGET_WIT_DIR, world: 'swerve:host/http-wasi-p2@0.1.0' },
          { path: TARGET_WIT_DIR, world: 'swerve:host/http-wasi-p3@0.1.0' },
        ],
      },
    });
  });

  it('names worlds that the WIT package declares, each exporting its handler', () => {
    const wit = hostWorldsWit();
    for (const world of HOST_WORLDS) {
      expect(qualifiedWorld(world)).toContain(`/${world.name}@`);
      expect(wit).toContain(`world ${world.name} {`);
      expect(wit).toContain(`  export ${world.handler};`);
    }
  });

  it('gives a WASI 0.2 component every interface the host accepts from one, at the WIT version', () => {
    const imports = worldImports(HOST_WORLDS[0]!);
    const accepted = WASI_P2_CAPABILITIES.flatMap((capability) =>
      Object.keys(capability.interfaces).map((name) => `${name}@${capability.witVersion}`),
    );
    expect(imports).toEqual(accepted);
    expect(imports).toContain('fermyon:spin/key-value@2.0.0');
    expect(imports).toContain('wasi:keyvalue/store@0.2.0-draft2');
  });
});
