/**
 * The worlds Swerve accepts, as a WIT package generated from the capability table: one world per
 * kind of HTTP component, importing every interface the host provides it and exporting the
 * handler it must export. It is what the Spin target environment (target-environment.ts) names
 * and what the host-side types are generated from (wit-types/).
 */
import {
  WASI_P2_CAPABILITIES,
  WASI_P2_HANDLER,
  WASI_P3_CAPABILITIES,
  WASI_P3_HANDLER,
  type Capability,
} from './host-capabilities.ts';

/** The WIT package of the worlds; its version changes when a world does. */
export const HOST_WORLDS_PACKAGE = 'swerve:host@0.1.0';

export interface HostWorld {
  /** The world's name in the package. */
  readonly name: string;
  /** What the world is, as its doc comment. */
  readonly doc: string;
  readonly capabilities: readonly Capability[];
  readonly handler: string;
}

export const HOST_WORLDS: readonly HostWorld[] = [
  {
    name: 'http-wasi-p2',
    doc: 'A WASI 0.2 HTTP component (Spin 2 and 3, and Spin 4 with the http-*-p2 templates).',
    capabilities: WASI_P2_CAPABILITIES,
    handler: WASI_P2_HANDLER,
  },
  {
    name: 'http-wasi-p3',
    doc: "A WASI 0.3 HTTP component (what Spin 4 builds by default), with the WASI 0.2 imports Rust's std adds.",
    capabilities: WASI_P3_CAPABILITIES,
    handler: WASI_P3_HANDLER,
  },
];

/** A world's fully qualified name, as Spin's target environments name it. */
export function qualifiedWorld(world: HostWorld): string {
  const [pkg, version] = HOST_WORLDS_PACKAGE.split('@') as [string, string];
  return `${pkg}/${world.name}@${version}`;
}

/** Every interface a world imports, versioned, once each, in the table's order. */
export function worldImports(world: HostWorld): string[] {
  const names = world.capabilities.flatMap((capability) =>
    Object.keys(capability.interfaces).map((iface) => `${iface}@${capability.witVersion}`),
  );
  return [...new Set(names)];
}

export const GENERATED_NOTE =
  'Generated from sw-host/src/capabilities/host-capabilities.ts by `npm run generate:capabilities`; do not edit.';

/** The WIT package text. */
export function hostWorldsWit(): string {
  const worlds = HOST_WORLDS.map((world) =>
    [
      `/// ${world.doc}`,
      `world ${world.name} {`,
      ...worldImports(world).map((name) => `  import ${name};`),
      `  export ${world.handler};`,
      '}',
    ].join('\n'),
  );
  return [
    `// ${GENERATED_NOTE}`,
    '//',
    '// The worlds of the HTTP components Swerve runs: each imports everything the host gives',
    '// that kind of component. A component that imports only some of it runs.',
    `package ${HOST_WORLDS_PACKAGE};`,
    '',
    worlds.join('\n\n'),
    '',
  ].join('\n');
}
