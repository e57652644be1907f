// @ts-check
/**
 * The host's layers: each folder of `sw-host/src` may import only from folders listed before it,
 * so dependencies point one way and no two folders need each other. The lint (eslint.config.js)
 * enforces it; a new folder goes where its imports put it.
 *
 * Read from the top: the one error type; Spin's semantics as pure code (variables, routing,
 * outbound rules, the manifest); data formats and messages; host interfaces and component
 * loading; apps and guest execution; the host of one origin; the entries that run it (service
 * worker, workers, pages) and the tools around it (Vite plugin, `swerve up`).
 */
export const SW_HOST_LAYERS = [
  'errors.ts',
  // Spin's semantics, environment-free (tsconfig.core.json).
  'variables',
  'routing',
  'outbound',
  'manifest',
  // What the host provides components: the capability table and the types generated from WIT.
  'capabilities',
  // Storage, formats, where apps run, the messages between pages and the host.
  'kv',
  'sqlite',
  'catalog',
  'origins',
  'protocol',
  // Host interfaces, core Wasm mechanics, loading components.
  'spin',
  'core-wasm',
  'spin1',
  'component',
  'wasi',
  // What is deployed, guest execution (what an instance gets, serving one request), the guest
  // pool, the host of one origin.
  'apps',
  'runtime',
  // Guests in the host page's workers: the pool, its messages, the worker that serves them.
  'guest-pool',
  'host',
  // Page-side API and the entries that run the host.
  'tools-worker',
  'client',
  'host-page',
  'runtime-worker',
  'guest-worker',
  'sw',
  // Tools around the host.
  'vite-plugin',
  'cli',
  // The Node API the other packages use (`swerve/node`).
  'node',
];

/**
 * `import-x/no-restricted-paths` zones: each folder may not import the folders after it.
 * @param {string} root the folder the layers live in, relative to the lint's working directory
 */
export function layerZones(root) {
  return SW_HOST_LAYERS.slice(0, -1).map((folder, index) => ({
    target: `${root}/${folder}`,
    from: SW_HOST_LAYERS.slice(index + 1).map((later) => `${root}/${later}`),
    message: `${folder} may import only the folders listed before it in sw-host/layers.js.`,
  }));
}

/** The workspace's packages (root package.json `workspaces`), each a folder at the top. */
export const PACKAGES = ['components', 'sw-host', 'site', 'playground', 'testkit', 'e2e'];

/**
 * `import-x/no-restricted-paths` zones across packages: no package imports another's `src/` by
 * a relative path. Packages meet through their exports (`swerve/node`, `swerve/client`,
 * `@swerve/playground/share-link`, ...), as a project that installed them would.
 * @param {string} root the folder the packages live in, relative to the lint's working directory
 */
export function packageZones(root) {
  return PACKAGES.map((name) => ({
    target: `${root}/${name}`,
    from: PACKAGES.filter((other) => other !== name).map((other) => `${root}/${other}/src`),
    message: `${name} may use another package only through its exports (its package.json "exports"), not its src/.`,
  }));
}
