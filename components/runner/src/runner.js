// @ts-check
/**
 * The runner: one JavaScript component that runs the user's own handler, read from its Spin
 * `files` mount on each request and evaluated inside this very engine (StarlingMonkey), so that
 * user code runs as real Wasm with no build in the browser. See ../README.md for the convention:
 * the handler's files are mounted at `/`, and the entry is `/index.js` unless the component's
 * `environment` sets `SWERVE_RUNNER_ENTRY`.
 *
 * Everything at this module's top level (the bundled libraries included) is evaluated when the
 * component is built and pre-initialised; only the user's files are read and evaluated per
 * request, once per instance (the host gives each request a fresh instance).
 */
import { Store } from 'fermyon:spin/key-value@2.0.0';
import { Connection } from 'fermyon:spin/sqlite@2.0.0';
import { get as getVariable } from 'fermyon:spin/variables@2.0.0';
import { getEnvironment } from 'wasi:cli/environment@0.2.10';
import * as itty from 'itty-router';
import * as hono from 'hono';
import * as honoCors from 'hono/cors';
import * as honoLogger from 'hono/logger';
import * as honoHttpException from 'hono/http-exception';
import * as honoServiceWorker from 'hono/service-worker';
import { mountedFiles } from './files.js';
import { ModuleLoader, UserCodeError } from './module-loader.js';
import { spinKvModule } from './spin-kv.js';
import { spinSqliteModule } from './spin-sqlite.js';
import { spinVariablesModule } from './spin-variables.js';
import { describeError, errorResponse, writeStderr } from './report.js';

const DEFAULT_ENTRY = '/index.js';

/** What user code may import by name. */
const BUILTINS = {
  'itty-router': itty,
  hono,
  'hono/cors': honoCors,
  'hono/logger': honoLogger,
  'hono/http-exception': honoHttpException,
  'hono/service-worker': honoServiceWorker,
  '@spinframework/spin-kv': spinKvModule((label) => Store.open(label)),
  '@spinframework/spin-sqlite': spinSqliteModule((label) => Connection.open(label)),
  '@spinframework/spin-variables': spinVariablesModule((name) => getVariable(name)),
};

/** The engine's own `addEventListener`, kept before user code may see the global. */
const engineAddEventListener = globalThis.addEventListener.bind(globalThis);

/**
 * @typedef {object} UserHandler
 * @property {string} entry
 * @property {((request: Request, event: object) => unknown) | undefined} fetch
 */

/** @type {UserHandler | undefined} the user's handler, once loaded in this instance */
let loaded;

/** Loads the entry module; a `fetch` listener it adds or its default export's `fetch` is the handler. */
function loadHandler() {
  const environment = new Map(getEnvironment());
  const entry = '/' + (environment.get('SWERVE_RUNNER_ENTRY') ?? DEFAULT_ENTRY).replace(/^\/+/, '');
  const files = mountedFiles();
  if (files.readFile(entry) === undefined) {
    const typescript = entry.replace(/\.(m?)js$/, '.$1ts');
    if (typescript !== entry && files.readFile(typescript) !== undefined) {
      throw new UserCodeError(
        `no handler: ${typescript} is TypeScript, and the runner runs JavaScript. Strip its types into ${entry} ` +
          '(the playground does it on deploy and in its export; elsewhere, e.g. with ts-blank-space).',
        { file: entry },
      );
    }
    throw new UserCodeError(
      "no handler: this file is not among the component's files. Mount the handler's files with " +
        'files = [{ source = "src", destination = "/" }] in spin.toml, or set SWERVE_RUNNER_ENTRY in its environment.',
      { file: entry },
    );
  }
  /** @type {Function[]} */
  const listeners = [];
  // User code (and hono's `app.fire()`) registers with the global addEventListener.
  /** @param {string} type @param {Function} listener */
  globalThis.addEventListener = (type, listener) => {
    if (type === 'fetch') listeners.push(listener);
    else engineAddEventListener(type, listener);
  };
  const loader = new ModuleLoader({
    readFile: (path) => files.readFile(path),
    builtins: BUILTINS,
  });
  const exports = loader.import(entry);
  const handler = /** @type {{ fetch?: unknown } | undefined} */ (exports.default);
  if (typeof handler?.fetch === 'function') {
    return {
      entry,
      fetch: (/** @type {Request} */ request, /** @type {object} */ event) =>
        handler.fetch(request, {}, event),
    };
  }
  const listener = listeners.at(-1);
  if (listener) {
    return {
      entry,
      fetch: (
        /** @type {Request} */ request,
        /** @type {{ waitUntil: (p: Promise<unknown>) => void }} */ event,
      ) =>
        new Promise((resolve, reject) => {
          let responded = false;
          try {
            listener({
              type: 'fetch',
              request,
              respondWith(/** @type {unknown} */ response) {
                if (responded) throw new Error('respondWith was called twice');
                responded = true;
                resolve(response);
              },
              waitUntil: (/** @type {Promise<unknown>} */ promise) => event.waitUntil(promise),
            });
          } catch (error) {
            reject(error);
          }
          if (!responded)
            reject(new Error(`${entry}: the fetch listener returned without calling event.respondWith()`));
        }),
    };
  }
  throw new UserCodeError(
    "exports no handler: add export default { fetch(request) { ... } } or addEventListener('fetch', (event) => event.respondWith(...))",
    { file: entry },
  );
}

/** @param {{ request: Request, waitUntil: (p: Promise<unknown>) => void }} event */
async function handle(event) {
  try {
    loaded ??= loadHandler();
    const response = await loaded.fetch(event.request, event);
    if (!(response instanceof Response)) {
      throw new Error(`${loaded.entry}: the handler answered ${describeValue(response)}, not a Response`);
    }
    return response;
  } catch (error) {
    const report = describeError(error);
    writeStderr(report.log);
    return errorResponse(report.summary);
  }
}

function describeValue(/** @type {unknown} */ value) {
  if (value === null || value === undefined) return String(value);
  if (typeof value === 'object') return `an object (${Object.prototype.toString.call(value)})`;
  return `a ${typeof value}`;
}

engineAddEventListener('fetch', (/** @type {any} */ event) => event.respondWith(handle(event)));
