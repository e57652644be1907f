/**
 * What the host gives a component: one table, interface → host module → the functions that
 * suspend the guest (JSPI). Everything that names the host's interfaces reads it:
 * - the compatibility check (component/host-compatibility.ts) accepts or refuses imports by it;
 * - the transpile options' JSPI list (jspi-imports.ts, component/generate-options.json) is
 *   derived from it;
 * - the published worlds and Spin target environment (target-environment.ts) are generated from
 *   it, and so is the WIT the host-side TypeScript types are generated from (wit-types/).
 *
 * To add an interface: add it here with the module that implements it (and, for a package
 * that is not WASI's, the folder of its WIT), run `npm run generate:capabilities`, and type the
 * module against its generated interface (`satisfies HostSide<typeof …>`, host-side.ts).
 */
import {
  SERVED_WASI_P3_VERSION,
  WASI_P2_VERSIONS,
  WASI_P2_WIT_VERSION,
  WASI_P3_WIT_VERSION,
} from './wasi-versions.ts';

/** One interface the host provides. */
export interface HostInterface {
  /**
   * The module under sw-host/src that implements it (or the package it comes from), or
   * undefined for an interface of types only.
   */
  readonly module: string | undefined;
  /**
   * Its functions that return a promise while the guest waits synchronously, named as jco's
   * JSPI option names them (`[method]store.get`): the guest suspends on them.
   */
  readonly jspi?: readonly string[];
}

/** Interfaces of one or more WIT packages the host provides at the same versions. */
export interface Capability {
  /** How messages and docs name the group. */
  readonly describe: string;
  /** The versions accepted, as a regular expression's source. */
  readonly versions: string;
  /** The version the published worlds and the generated types name. */
  readonly witVersion: string;
  /** `namespace:package/interface` (no version) → how the host provides it. */
  readonly interfaces: Readonly<Record<string, HostInterface>>;
  /**
   * The folders of its WIT packages, from the repository's root; none for WASI's, which come
   * from the WIT jco ships (at `witVersion`).
   */
  readonly wit?: readonly string[];
}

/** How preview2-shim's WASI 0.2 is given to an instance. */
const PREVIEW2_SHIM = 'wasi/wasi-imports.ts (preview2-shim)';

const STREAM_METHODS = [
  '[method]input-stream.blocking-read',
  '[method]input-stream.blocking-skip',
  '[method]output-stream.blocking-flush',
  '[method]output-stream.blocking-write-and-flush',
  '[method]output-stream.blocking-write-zeroes-and-flush',
  '[method]output-stream.blocking-splice',
];

/** WASI 0.2 but HTTP: preview2-shim's browser implementations, isolated per instance. */
const WASI_P2: Capability = {
  describe: 'wasi:cli, wasi:clocks, wasi:filesystem, wasi:io, wasi:random, wasi:sockets @0.2.x',
  versions: WASI_P2_VERSIONS,
  witVersion: WASI_P2_WIT_VERSION,
  interfaces: {
    'wasi:cli/environment': { module: PREVIEW2_SHIM },
    'wasi:cli/exit': { module: PREVIEW2_SHIM },
    'wasi:cli/stdin': { module: PREVIEW2_SHIM },
    'wasi:cli/stdout': { module: PREVIEW2_SHIM },
    'wasi:cli/stderr': { module: PREVIEW2_SHIM },
    'wasi:cli/terminal-input': { module: PREVIEW2_SHIM },
    'wasi:cli/terminal-output': { module: PREVIEW2_SHIM },
    'wasi:cli/terminal-stdin': { module: PREVIEW2_SHIM },
    'wasi:cli/terminal-stdout': { module: PREVIEW2_SHIM },
    'wasi:cli/terminal-stderr': { module: PREVIEW2_SHIM },
    'wasi:clocks/monotonic-clock': { module: PREVIEW2_SHIM },
    'wasi:clocks/wall-clock': { module: PREVIEW2_SHIM },
    'wasi:filesystem/types': { module: PREVIEW2_SHIM },
    'wasi:filesystem/preopens': { module: PREVIEW2_SHIM },
    'wasi:io/error': { module: PREVIEW2_SHIM },
    'wasi:io/poll': { module: 'wasi/poll.ts', jspi: ['poll', '[method]pollable.block'] },
    'wasi:io/streams': { module: PREVIEW2_SHIM, jspi: STREAM_METHODS },
    'wasi:random/random': { module: PREVIEW2_SHIM },
    'wasi:random/insecure': { module: PREVIEW2_SHIM },
    'wasi:random/insecure-seed': { module: PREVIEW2_SHIM },
    // A browser has no sockets: preview2-shim's refuse every operation, as a host without
    // network access does.
    'wasi:sockets/network': { module: PREVIEW2_SHIM },
    'wasi:sockets/instance-network': { module: PREVIEW2_SHIM },
    'wasi:sockets/ip-name-lookup': { module: PREVIEW2_SHIM },
    'wasi:sockets/tcp': { module: PREVIEW2_SHIM },
    'wasi:sockets/tcp-create-socket': { module: PREVIEW2_SHIM },
    'wasi:sockets/udp': { module: PREVIEW2_SHIM },
    'wasi:sockets/udp-create-socket': { module: PREVIEW2_SHIM },
  },
};

const WASI_HTTP_P2: Capability = {
  describe: 'wasi:http/types and outgoing-handler @0.2.x',
  versions: WASI_P2_VERSIONS,
  witVersion: WASI_P2_WIT_VERSION,
  interfaces: {
    'wasi:http/types': { module: 'wasi/http/index.ts' },
    // Synchronous: it returns a future, and the guest blocks on its pollable (wasi:io/poll).
    'wasi:http/outgoing-handler': { module: 'wasi/http/outgoing-handler.ts' },
  },
};

const SPIN_V2: Capability = {
  describe: 'fermyon:spin/key-value and variables @2.0.0',
  versions: String.raw`2\.0\.0`,
  witVersion: '2.0.0',
  wit: ['components/wit/deps/spin'],
  interfaces: {
    'fermyon:spin/key-value': {
      module: 'kv/spin-key-value.ts',
      jspi: [
        '[static]store.open',
        '[method]store.get',
        '[method]store.set',
        '[method]store.delete',
        '[method]store.exists',
        '[method]store.get-keys',
      ],
    },
    'fermyon:spin/variables': { module: 'spin/variables.ts' },
  },
};

const WASI_KEYVALUE: Capability = {
  describe: 'wasi:keyvalue @0.2.0-draft2',
  versions: String.raw`0\.2\.0-draft2`,
  witVersion: '0.2.0-draft2',
  wit: ['components/wit/deps/wasi-keyvalue'],
  interfaces: {
    'wasi:keyvalue/store': {
      module: 'kv/wasi-keyvalue.ts',
      jspi: [
        'open',
        '[method]bucket.get',
        '[method]bucket.set',
        '[method]bucket.delete',
        '[method]bucket.exists',
        '[method]bucket.list-keys',
      ],
    },
    'wasi:keyvalue/atomics': {
      module: 'kv/wasi-keyvalue.ts',
      jspi: ['increment', 'swap', '[static]cas.new', '[method]cas.current'],
    },
    'wasi:keyvalue/batch': {
      module: 'kv/wasi-keyvalue.ts',
      jspi: ['get-many', 'set-many', 'delete-many'],
    },
  },
};

const WASI_CONFIG: Capability = {
  describe: 'wasi:config/store @0.2.0-draft-2024-09-27',
  versions: String.raw`0\.2\.0-draft-2024-09-27`,
  witVersion: '0.2.0-draft-2024-09-27',
  wit: ['components/fixtures/http-p3-spin/wit/deps/wasi-config'],
  interfaces: { 'wasi:config/store': { module: 'spin/wasi-config.ts' } },
};

/** Spin's SQLite for WASI 0.2 components, at its 2.0.0 and 3.0.0 names (sqlite/spin-sqlite.ts). */
const SQLITE_JSPI = ['[static]connection.open', '[method]connection.execute'];
const SPIN_SQLITE_V2: Capability = {
  describe: 'fermyon:spin/sqlite @2.0.0',
  versions: String.raw`2\.0\.0`,
  witVersion: '2.0.0',
  wit: ['components/wit/deps/spin'],
  interfaces: { 'fermyon:spin/sqlite': { module: 'sqlite/spin-sqlite.ts', jspi: SQLITE_JSPI } },
};
const SPIN_SQLITE_V3: Capability = {
  describe: 'spin:sqlite/sqlite @3.0.0',
  versions: String.raw`3\.0\.0`,
  witVersion: '3.0.0',
  wit: ['components/wit/deps/spin-sqlite'],
  interfaces: { 'spin:sqlite/sqlite': { module: 'sqlite/spin-sqlite.ts', jspi: SQLITE_JSPI } },
};

/** What a WASI 0.2 HTTP component may import. */
export const WASI_P2_CAPABILITIES: readonly Capability[] = [
  WASI_P2,
  WASI_HTTP_P2,
  SPIN_V2,
  SPIN_SQLITE_V2,
  SPIN_SQLITE_V3,
  WASI_KEYVALUE,
  WASI_CONFIG,
];

/** A WASI 0.3 group: the final 0.3.x or Spin 4.0's release candidate. */
const wasiP3 = (describe: string, interfaces: Record<string, HostInterface>): Capability => ({
  describe,
  versions: SERVED_WASI_P3_VERSION,
  witVersion: WASI_P3_WIT_VERSION,
  interfaces,
});

const TYPES_ONLY: HostInterface = { module: undefined };

/**
 * What a WASI 0.3 HTTP component may import. `wasi:cli/types` and `wasi:clocks/types` hold
 * only types (nothing to provide).
 */
export const WASI_P3_CAPABILITIES: readonly Capability[] = [
  wasiP3('wasi:http/types @0.3.x', { 'wasi:http/types': { module: 'wasi/http-p3/types.ts' } }),
  wasiP3('wasi:cli @0.3.x (environment, exit, stdin, stdout, stderr, terminal-*, types)', {
    'wasi:cli/environment': { module: 'wasi/cli-p3/environment.ts' },
    'wasi:cli/exit': { module: 'wasi/cli-p3/exit.ts' },
    'wasi:cli/stdin': { module: 'wasi/cli-p3/stdin.ts' },
    'wasi:cli/stdout': { module: 'wasi/cli-p3/output-streams.ts' },
    'wasi:cli/stderr': { module: 'wasi/cli-p3/output-streams.ts' },
    'wasi:cli/types': TYPES_ONLY,
    'wasi:cli/terminal-input': { module: 'wasi/cli-p3/terminals.ts' },
    'wasi:cli/terminal-output': { module: 'wasi/cli-p3/terminals.ts' },
    'wasi:cli/terminal-stdin': { module: 'wasi/cli-p3/terminals.ts' },
    'wasi:cli/terminal-stdout': { module: 'wasi/cli-p3/terminals.ts' },
    'wasi:cli/terminal-stderr': { module: 'wasi/cli-p3/terminals.ts' },
  }),
  wasiP3('wasi:clocks/monotonic-clock, system-clock and types @0.3.x', {
    'wasi:clocks/monotonic-clock': { module: 'wasi/clocks-p3/monotonic-clock.ts' },
    'wasi:clocks/system-clock': { module: 'wasi/clocks-p3/system-clock.ts' },
    'wasi:clocks/types': TYPES_ONLY,
  }),
  wasiP3('wasi:random @0.3.x', {
    'wasi:random/random': { module: 'wasi/random-p3/random.ts' },
    'wasi:random/insecure': { module: 'wasi/random-p3/random.ts' },
    'wasi:random/insecure-seed': { module: 'wasi/random-p3/insecure-seed.ts' },
  }),
  wasiP3('wasi:http/client @0.3.x', { 'wasi:http/client': { module: 'wasi/http-p3/client.ts' } }),
  {
    describe: 'spin:key-value/key-value and spin:variables/variables @3.0.0',
    versions: String.raw`3\.0\.0`,
    witVersion: '3.0.0',
    wit: [
      'components/fixtures/http-p3-spin/wit/deps/spin-key-value@3.0.0',
      'components/fixtures/http-p3-spin/wit/deps/spin-variables@3.0.0',
    ],
    interfaces: {
      'spin:key-value/key-value': { module: 'kv/spin-key-value-p3.ts' },
      'spin:variables/variables': { module: 'spin/variables-p3.ts' },
    },
  },
  // Spin 4's SQLite: its synchronous `open` and `execute` suspend the guest, as at WASI 0.2.
  {
    describe: 'spin:sqlite/sqlite @3.1.0',
    versions: String.raw`3\.1\.0`,
    witVersion: '3.1.0',
    wit: ['components/wit/deps/spin-sqlite@3.1.0'],
    interfaces: { 'spin:sqlite/sqlite': { module: 'sqlite/spin-sqlite-p3.ts', jspi: SQLITE_JSPI } },
  },
  // What Rust's std on wasm32-wasip2 imports beside a WASI 0.3 SDK's imports: the WASI 0.2 host
  // side a WASI 0.2 component gets (runtime/instance/instance-imports-p3.ts).
  WASI_P2,
  WASI_HTTP_P2,
  // Synchronous, answered from the component's variables (spin-sdk 6 reaches wasi:config
  // through its `experimental` module).
  {
    describe: 'fermyon:spin/variables @2.0.0',
    versions: SPIN_V2.versions,
    witVersion: SPIN_V2.witVersion,
    wit: SPIN_V2.wit,
    interfaces: { 'fermyon:spin/variables': SPIN_V2.interfaces['fermyon:spin/variables']! },
  },
  WASI_CONFIG,
];

/** The HTTP handler each kind of component exports, as the published worlds name it. */
export const WASI_P2_HANDLER = `wasi:http/incoming-handler@${WASI_P2_WIT_VERSION}`;
export const WASI_P3_HANDLER = `wasi:http/handler@${WASI_P3_WIT_VERSION}`;

/** `namespace:package/interface@version` split into its interface and version. */
const VERSIONED_NAME = /^([a-z][a-z0-9-]*:[a-z][a-z0-9-]*\/[a-z][a-z0-9-]*)@(.+)$/;

/** The capability of `capabilities` that provides `name` (a versioned import), if any. */
export function capabilityFor(capabilities: readonly Capability[], name: string): Capability | undefined {
  const match = VERSIONED_NAME.exec(name);
  if (!match) return undefined;
  const [, iface, version] = match as unknown as [string, string, string];
  return capabilities.find(
    (capability) =>
      Object.hasOwn(capability.interfaces, iface) && new RegExp(`^(?:${capability.versions})$`).test(version),
  );
}
