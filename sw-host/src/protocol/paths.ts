/**
 * URL paths the host reserves on its origin. Imported by the service worker, the page-side
 * client and the Vite plugin, so that all three agree.
 */

/** Swerve's own assets and endpoints live under this prefix; apps never see it. */
export const SWERVE_PREFIX = '/_swerve/';

/** The service worker script. It sits at the root so that its scope can be the whole origin. */
export const SERVICE_WORKER_PATH = '/sw.js';

/** The catalog of apps deployed with the site (see catalog/app-catalog.ts). */
export const CATALOG_PATH = `${SWERVE_PREFIX}apps.json`;

/** Transpiled components, each under a folder named with its version. */
export const COMPONENTS_PATH = `${SWERVE_PREFIX}components/`;

/**
 * Core modules of deployed components, kept in Cache Storage under these URLs (never fetched
 * from the network) so Chromium keeps their compiled code across restarts (core-wasm/code-cache.ts).
 */
export const CODE_CACHE_PATH = `${SWERVE_PREFIX}cache/`;

/** The page script that installs the host when a tab opens an app URL before it is installed. */
export const BOOTSTRAP_SCRIPT_PATH = `${SWERVE_PREFIX}bootstrap.js`;

/**
 * A route the service worker answers in plain JavaScript, without any component: the baseline
 * that component latency is measured against.
 */
export const PLAIN_ROUTE_PATH = `${SWERVE_PREFIX}plain`;

/** Apps deployed with the site are mounted at `/apps/<name>/`. */
export const APPS_ROOT = '/apps/';

/**
 * The host page at every app origin: pages of the site (and allowed embedders) frame it to
 * drive that origin's host. A static file, so any static server can serve it.
 */
export const HOST_PAGE_PATH = `${SWERVE_PREFIX}host.html`;

/** Its script. */
export const HOST_PAGE_SCRIPT_PATH = `${SWERVE_PREFIX}host.js`;

/** The host's runtime as a dedicated worker, where no service worker is allowed (frames on other sites). */
export const RUNTIME_WORKER_PATH = `${SWERVE_PREFIX}runtime-worker.js`;

/**
 * A guest worker: an app's host page starts a few, where a service worker runs the host, so that
 * guests run in parallel and a stuck one can be terminated (docs/decisions/0019).
 */
export const GUEST_WORKER_PATH = `${SWERVE_PREFIX}guest-worker.js`;

/** The page-side client as one ES module, for pages of other sites that embed apps. */
export const CLIENT_MODULE_PATH = `${SWERVE_PREFIX}client.js`;

/** A worker with wasm-tools, started by a page only to componentize core modules before a deploy. */
export const TOOLS_WORKER_PATH = `${SWERVE_PREFIX}tools-worker.js`;

/** The WASI preview 1 adapter (a reactor) that componentizing a wasm32-wasip1 module links in. */
export const PREVIEW1_ADAPTER_PATH = `${SWERVE_PREFIX}adapters/wasi_snapshot_preview1.reactor.wasm`;
