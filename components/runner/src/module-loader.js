// @ts-check
/**
 * Loads the user's ES modules from files: resolves specifiers (relative paths against the
 * importing file, bare names against the packages built into the runner), rewrites each file
 * with module-transform.js, evaluates it once and caches its exports for this instance.
 */
import { MODULE_PARAMETERS, position, transformModule, TransformError } from './module-transform.js';

/** An error in the user's code, at a file, line and column when known. */
export class UserCodeError extends Error {
  /**
   * @param {string} message
   * @param {{ file: string, line?: number, column?: number, cause?: unknown }} where
   */
  constructor(message, { file, line, column, cause }) {
    super(message, { cause });
    this.name = 'UserCodeError';
    this.file = file;
    this.line = line;
    this.column = column;
  }

  /** `file:line:column`, as far as known. */
  get location() {
    return [this.file, this.line, this.line === undefined ? undefined : this.column]
      .filter((part) => part !== undefined)
      .join(':');
  }
}

/**
 * @typedef {object} LoaderOptions
 * @property {(path: string) => string | undefined} readFile   the text of an absolute path, or undefined
 * @property {Record<string, object>} builtins                   bare specifier -> module namespace
 * @property {(code: string, file: string) => Function} [evaluate]  compiles a transformed module
 */

/** Normalises `/a/./b/../c` to `/a/c`. */
export function normalisePath(/** @type {string} */ path) {
  const parts = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return `/${parts.join('/')}`;
}

const dirnameOf = (/** @type {string} */ path) => path.slice(0, path.lastIndexOf('/') + 1) || '/';
const EXTENSIONS = ['', '.js', '.mjs', '/index.js'];

/**
 * TypeScript runs as its stripped output beside it (`util.ts` as `util.js`, docs/decisions/0020):
 * the page strips the types and keeps every line and column, so `import './util.ts'` loads
 * `util.js`, and errors and stack frames name the `.ts` file, at the same line and column.
 */
const STRIPPED_OUTPUT = { '.ts': '.js', '.mts': '.mjs' };
/** @param {string} path */
const typescriptExtension = (path) =>
  /** @type {keyof typeof STRIPPED_OUTPUT | undefined} */ (path.match(/\.m?ts$/)?.[0]);
/**
 * The last line of a stripped output names its source (a line after the source's last, so no
 * position moves): reading it costs nothing, where looking for a `.ts` beside every file would
 * cost a failed file-system call per module per request.
 */
const STRIPPED_FROM = /\n\/\/ swerve: types stripped from ([^\s/;]+);[^\n]*\n?$/;

/** Indirect eval at global scope; `sourceURL` names the file in stack traces. */
function globalEvaluate(/** @type {string} */ code, /** @type {string} */ file) {
  return (0, eval)(`${code}\n//# sourceURL=${file}`);
}

export class ModuleLoader {
  /** @type {Map<string, Record<string, unknown>>} */
  #cache = new Map();
  /** @type {Map<string, string>} path -> the file errors name (see #sourceOf) */
  #sources = new Map();
  /** @type {Set<string>} files being evaluated, to report import cycles */
  #loading = new Set();
  #options;

  /** @param {LoaderOptions} options */
  constructor(options) {
    this.#options = options;
  }

  /**
   * The exports of `specifier` as imported from `importer` (a file path), evaluating it on
   * first use. `names` are the exports the importer needs; a missing one is an error at `line`.
   * @param {string} specifier
   * @param {{ importer?: string, names?: string[], line?: number, column?: number }} [from]
   * @returns {Record<string, unknown>}
   */
  import(specifier, { importer, names = [], line, column } = {}) {
    const where = { file: importer ? this.#sourceOf(importer) : specifier, line, column };
    const builtin = this.#options.builtins[specifier];
    let exports;
    let label = specifier;
    if (builtin) {
      exports = /** @type {Record<string, unknown>} */ (builtin);
    } else if (/^\.{0,2}\//.test(specifier)) {
      const path = this.#resolve(specifier, importer, where);
      label = this.#sourceOf(path);
      exports = this.#cache.get(path) ?? this.#evaluate(path, where);
    } else {
      throw new UserCodeError(
        `Cannot import "${specifier}": the runner provides only ${Object.keys(this.#options.builtins).join(', ')} by name. ` +
          'Import your own files by relative path (./file.js).',
        where,
      );
    }
    for (const name of names) {
      if (!(name in exports)) {
        throw new UserCodeError(`${label} has no export named "${name}"`, where);
      }
    }
    return exports;
  }

  /** @param {string} specifier @param {string | undefined} importer @param {{ file: string }} where */
  #resolve(specifier, importer, where) {
    const base = normalisePath(
      specifier.startsWith('/') ? specifier : dirnameOf(importer ?? '/') + specifier,
    );
    const typescript = typescriptExtension(base);
    if (typescript) {
      const output = base.slice(0, -typescript.length) + STRIPPED_OUTPUT[typescript];
      if (this.#cache.has(output) || this.#options.readFile(output) !== undefined) return output;
      throw new UserCodeError(
        `Cannot run "${specifier}": the runner runs JavaScript, and found no ${output}, its stripped output. ` +
          'The playground writes it on deploy and in its export; elsewhere, strip the types first (e.g. with ts-blank-space).',
        where,
      );
    }
    for (const extension of EXTENSIONS) {
      const path = normalisePath(base + extension);
      if (this.#cache.has(path) || this.#options.readFile(path) !== undefined) return path;
    }
    throw new UserCodeError(`Cannot find module "${specifier}" (looked for ${base} among the files)`, where);
  }

  /**
   * The file to name in errors and stack frames for `path`: the TypeScript source a stripped
   * output names on its last line, else `path` itself.
   * @param {string} path
   */
  #sourceOf(path) {
    let named = this.#sources.get(path);
    if (named === undefined) {
      const from = STRIPPED_FROM.exec(this.#options.readFile(path) ?? '')?.[1];
      named = from ? dirnameOf(path) + from : path;
      this.#sources.set(path, named);
    }
    return named;
  }

  /** @param {string} path @param {object} where */
  #evaluate(path, where) {
    if (this.#loading.has(path)) {
      throw new UserCodeError(`${path} is imported in a cycle; the runner cannot load import cycles`, where);
    }
    const source = /** @type {string} */ (this.#options.readFile(path));
    const file = this.#sourceOf(path);
    /** @type {Record<string, unknown>} */
    const exports = Object.create(null);
    if (path.endsWith('.json')) {
      try {
        exports.default = JSON.parse(source);
      } catch (error) {
        throw new UserCodeError(`SyntaxError: ${/** @type {Error} */ (error).message}`, {
          file,
          cause: error,
        });
      }
      this.#cache.set(path, exports);
      return exports;
    }
    let transformed;
    try {
      transformed = transformModule(source);
    } catch (error) {
      if (!(error instanceof TransformError)) throw error;
      throw new UserCodeError(`SyntaxError: ${error.message}`, {
        file,
        line: error.line,
        column: error.column,
        cause: error,
      });
    }
    let moduleFunction;
    try {
      moduleFunction = (this.#options.evaluate ?? globalEvaluate)(transformed.code, file);
    } catch (error) {
      throw syntaxErrorAt(error, file, transformed.headLength, source);
    }
    const define = (/** @type {Record<string, () => unknown>} */ getters) => {
      for (const [name, get] of Object.entries(getters)) {
        Object.defineProperty(exports, name, { enumerable: true, configurable: true, get });
      }
    };
    const reexport = (/** @type {Record<string, unknown>} */ from) => {
      for (const name of Object.keys(from)) {
        if (name !== 'default' && !(name in exports)) define({ [name]: () => from[name] });
      }
    };
    const require = (
      /** @type {string} */ specifier,
      /** @type {string} */ names,
      /** @type {number} */ line,
      /** @type {number} */ column,
    ) => this.import(specifier, { importer: path, names: names ? names.split(',') : [], line, column });
    const dynamicImport = (/** @type {string} */ specifier) =>
      new Promise((resolve) => resolve(this.import(String(specifier), { importer: path })));
    const meta = { url: `file://${path}` };
    this.#loading.add(path);
    try {
      const args = {
        __require: require,
        __exports: exports,
        __define: define,
        __reexport: reexport,
        __meta: meta,
        __import: dynamicImport,
      };
      moduleFunction(...MODULE_PARAMETERS.map((name) => args[/** @type {keyof typeof args} */ (name)]));
    } finally {
      this.#loading.delete(path);
    }
    this.#cache.set(path, exports);
    return exports;
  }
}

/**
 * A syntax error the engine found in a transformed module, placed in the user's file.
 * SpiderMonkey gives `lineNumber` and `columnNumber`; line 1 of the file follows the wrapper's head.
 * @param {unknown} error @param {string} file @param {number} headLength @param {string} source
 */
function syntaxErrorAt(error, file, headLength, source) {
  const engine =
    /** @type {{ name?: string, message?: string, lineNumber?: number, columnNumber?: number }} */ (error);
  let line = typeof engine?.lineNumber === 'number' ? engine.lineNumber : undefined;
  let column = typeof engine?.columnNumber === 'number' ? engine.columnNumber : undefined;
  if (line !== undefined && column !== undefined && line === 1) column = Math.max(1, column - headLength);
  // Past the end: the wrapper's closing line, e.g. an unclosed brace.
  const lines = source.split('\n').length;
  if (line !== undefined && line > lines) ({ line, column } = position(source, source.length));
  return new UserCodeError(`${engine?.name ?? 'Error'}: ${engine?.message ?? String(error)}`, {
    file,
    line,
    column,
    cause: error,
  });
}
