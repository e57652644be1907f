// @ts-check
/**
 * Rewrites an ES module into a function the runner's loader can call: its `import` statements
 * become calls to `__require` (hoisted, in source order, as ES modules evaluate their
 * dependencies first), its exports become getters on `__exports` (live, as ES bindings are),
 * `import.meta` becomes `__meta` and `import()` becomes `__import()`.
 *
 * Every line keeps its number: the hoisted code goes on line 1 before the module's own first
 * line, and removed statements are blanked with spaces, so an engine's error positions and
 * stack traces point into the user's file. See docs/decisions/0009-the-runner-s-module-loader.md.
 *
 * Not supported (each gives a clear error): exports of destructuring declarations; import
 * cycles (the loader reports them); top-level await (the engine reports it as a syntax error).
 */
import { tokenize, TokenError } from './tokens.js';

/** The wrapper's parameters, in order: what the loader passes to a module. */
export const MODULE_PARAMETERS = ['__require', '__exports', '__define', '__reexport', '__meta', '__import'];
const HEAD = `(function (${MODULE_PARAMETERS.join(', ')}) {"use strict";`;
/** Where the words appear at all (in code, a string or a comment): only then is the module tokenized. */
const MAY_IMPORT_OR_EXPORT = /\b(?:import|export)\b/;

/** A problem in a module's source, at a 1-based line and column. */
export class TransformError extends Error {
  /** @param {string} message @param {number} line @param {number} column */
  constructor(message, line, column) {
    super(message);
    this.name = 'SyntaxError';
    this.line = line;
    this.column = column;
  }
}

/**
 * @typedef {object} TransformedModule
 * @property {string} code          a function expression taking {@link MODULE_PARAMETERS}
 * @property {number} headLength    how many characters the wrapper adds before the source's line 1
 * @property {string[]} specifiers  what the module imports statically, in order
 */

/** 1-based line and column of `offset` in `source`. */
export function position(/** @type {string} */ source, /** @type {number} */ offset) {
  let line = 1;
  let lineStart = 0;
  for (let i = source.indexOf('\n'); i !== -1 && i < offset; i = source.indexOf('\n', i + 1)) {
    line += 1;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

const blank = (/** @type {string} */ text) => text.replace(/[^\n\r\u2028\u2029]/g, ' ');
const quote = (/** @type {string} */ text) => JSON.stringify(text);

/**
 * @param {string} source  the module's text
 * @returns {TransformedModule}
 */
export function transformModule(source) {
  // A hashbang line is not JavaScript to the engine inside a function: blank it.
  if (source.startsWith('#!')) source = source.replace(/^#![^\n\r]*/, blank);
  // A module that never says `import` or `export` (a plain `addEventListener` handler) needs no
  // rewrite, so it skips the tokenizer: the costliest step of loading a module in the
  // interpreter, paid on every request. The engine still finds its syntax errors (module-loader.js).
  if (!MAY_IMPORT_OR_EXPORT.test(source)) {
    return { code: `${HEAD}${source}\n})`, headLength: HEAD.length, specifiers: [] };
  }
  /** @type {import('./tokens.js').Token[]} */
  let tokens;
  try {
    tokens = tokenize(source);
  } catch (error) {
    if (!(error instanceof TokenError)) throw error;
    const { line, column } = position(source, error.offset);
    throw new TransformError(error.message, line, column);
  }
  /** @type {string[]} hoisted statements */
  const head = [];
  /** @type {{ start: number, end: number, text: string }[]} edits, in order */
  const edits = [];
  /** @type {string[]} */
  const specifiers = [];
  let modules = 0;

  /** @param {number} at */
  const fail = (message, at) => {
    const { line, column } = position(source, at);
    throw new TransformError(message, line, column);
  };
  /** The string token at `i` as a specifier, or a failure. */
  const specifierAt = (/** @type {number} */ i) => {
    const token = tokens[i];
    if (token?.type !== 'string')
      fail('expected a module specifier (a quoted string)', token?.start ?? source.length);
    return /** @type {string} */ (Function(`return ${token.value}`)());
  };
  /** Hoists a `__require` of the specifier at token `i`; returns the variable holding it. */
  const requireAt = (/** @type {number} */ i, /** @type {string[]} */ names) => {
    const specifier = specifierAt(i);
    const { line, column } = position(source, tokens[i].start);
    const variable = `__m${modules++}`;
    specifiers.push(specifier);
    head.push(
      `const ${variable} = __require(${quote(specifier)}, ${quote(names.join(','))}, ${line}, ${column});`,
    );
    return variable;
  };
  /** After a specifier at `i`: skips `with { ... }` and `;`; returns the index after the statement. */
  const statementEnd = (/** @type {number} */ i) => {
    let next = i + 1;
    const word = tokens[next];
    if (
      word &&
      (word.value === 'with' || word.value === 'assert') &&
      !word.newlineBefore &&
      tokens[next + 1]?.value === '{'
    ) {
      const depth = tokens[next + 1].depth;
      next += 2;
      while (next < tokens.length && !(tokens[next].value === '}' && tokens[next].depth === depth)) next += 1;
      next += 1;
    }
    if (tokens[next]?.value === ';') next += 1;
    return next;
  };
  /** Reads `{ a, b as c, 'd' as e }` from `i` (at `{`): [exported or imported name, local name] pairs. */
  const specifierList = (/** @type {number} */ i) => {
    /** @type {[string, string][]} */
    const pairs = [];
    let next = i + 1;
    while (tokens[next] && tokens[next].value !== '}') {
      const first = tokens[next];
      if (first.type !== 'name' && first.type !== 'string')
        fail(`unexpected ${quote(first.value)} in braces`, first.start);
      const name = first.type === 'string' ? specifierAtValue(first.value) : first.value;
      next += 1;
      let other = name;
      if (tokens[next]?.value === 'as') {
        const alias = tokens[next + 1];
        if (!alias || (alias.type !== 'name' && alias.type !== 'string'))
          fail('expected a name after "as"', tokens[next].end);
        other = alias.type === 'string' ? specifierAtValue(alias.value) : alias.value;
        next += 2;
      }
      pairs.push([name, other]);
      if (tokens[next]?.value === ',') next += 1;
    }
    if (!tokens[next]) fail('unclosed "{"', tokens[i].start);
    return { pairs, next: next + 1 };
  };
  const specifierAtValue = (/** @type {string} */ text) =>
    /** @type {string} */ (Function(`return ${text}`)());
  /** Blanks source from token `from` up to (not including) token `to`. */
  const remove = (/** @type {number} */ from, /** @type {number} */ to) => {
    const start = tokens[from].start;
    const end = tokens[to - 1].end;
    edits.push({ start, end, text: blank(source.slice(start, end)) });
  };
  const define = (/** @type {[string, string][]} */ pairs) => {
    if (pairs.length)
      head.push(
        `__define({ ${pairs.map(([name, value]) => `${quote(name)}: () => ${value}`).join(', ')} });`,
      );
  };

  /** `import ...` at token `i`; returns the index after it. */
  const staticImport = (/** @type {number} */ i) => {
    let next = i + 1;
    const first = tokens[next];
    if (first?.type === 'string') {
      requireAt(next, []);
      const end = statementEnd(next);
      remove(i, end);
      return end;
    }
    /** @type {string | undefined} */
    let defaultName;
    /** @type {string | undefined} */
    let namespace;
    /** @type {[string, string][]} */
    let named = [];
    if (first?.type === 'name' && first.value !== 'from') {
      defaultName = first.value;
      next += 1;
      if (tokens[next]?.value === ',') next += 1;
    }
    if (tokens[next]?.value === '*') {
      if (tokens[next + 1]?.value !== 'as' || tokens[next + 2]?.type !== 'name')
        fail('expected "* as name"', tokens[next].start);
      namespace = tokens[next + 2].value;
      next += 3;
    } else if (tokens[next]?.value === '{') {
      ({ pairs: named, next } = specifierList(next));
    }
    if (tokens[next]?.value !== 'from')
      fail('expected "from" in this import', tokens[next]?.start ?? source.length);
    const names = [...(defaultName ? ['default'] : []), ...named.map(([name]) => name)];
    const variable = requireAt(next + 1, names);
    if (defaultName) head.push(`const ${defaultName} = ${variable}.default;`);
    if (namespace) head.push(`const ${namespace} = ${variable};`);
    if (named.length) {
      const fields = named.map(([name, local]) => (name === local ? local : `${quote(name)}: ${local}`));
      head.push(`const { ${fields.join(', ')} } = ${variable};`);
    }
    const end = statementEnd(next + 1);
    remove(i, end);
    return end;
  };

  /** The names declared by `const|let|var` at token `i` (the keyword), up to the statement's end. */
  const declaredNames = (/** @type {number} */ i) => {
    const depth = tokens[i].depth;
    const names = [];
    let expectName = true;
    for (let next = i + 1; next < tokens.length; next += 1) {
      const token = tokens[next];
      if (token.depth === depth) {
        if (token.value === ';') break;
        const previous = tokens[next - 1];
        const continues = (t) =>
          t.type === 'other' ||
          t.value === ',' ||
          t.value === '.' ||
          t.value === '(' ||
          t.value === '[' ||
          t.type === 'template';
        if (
          token.newlineBefore &&
          !expectName &&
          !continues(token) &&
          !continues(previous) &&
          previous.value !== '='
        )
          break;
        if (expectName) {
          if (token.value === '{' || token.value === '[')
            fail(
              'the runner cannot export a destructuring declaration: declare it, then export { names }',
              token.start,
            );
          if (token.type !== 'name') fail(`expected a name, not ${quote(token.value)}`, token.start);
          names.push(token.value);
          expectName = false;
        } else if (token.value === ',') expectName = true;
      }
    }
    return names;
  };

  /** `export ...` at token `i`; returns the index to go on from. */
  const exportStatement = (/** @type {number} */ i) => {
    const next = tokens[i + 1];
    if (!next) fail('unfinished export', tokens[i].start);
    if (next.value === '*') {
      let after = i + 2;
      /** @type {string | undefined} */
      let alias;
      if (tokens[after]?.value === 'as') {
        const name = tokens[after + 1];
        if (!name) fail('expected a name after "as"', tokens[after].end);
        alias = name.type === 'string' ? specifierAtValue(name.value) : name.value;
        after += 2;
      }
      if (tokens[after]?.value !== 'from')
        fail('expected "from" in this export', tokens[after]?.start ?? source.length);
      const variable = requireAt(after + 1, []);
      if (alias) define([[alias, variable]]);
      else head.push(`__reexport(${variable});`);
      const end = statementEnd(after + 1);
      remove(i, end);
      return end;
    }
    if (next.value === '{') {
      const { pairs, next: after } = specifierList(i + 1);
      if (tokens[after]?.value === 'from' && !tokens[after].newlineBefore) {
        const variable = requireAt(
          after + 1,
          pairs.map(([local]) => local),
        );
        define(pairs.map(([local, exported]) => [exported, `${variable}[${quote(local)}]`]));
        const end = statementEnd(after + 1);
        remove(i, end);
        return end;
      }
      define(pairs.map(([local, exported]) => [exported, local]));
      const end = tokens[after]?.value === ';' ? after + 1 : after;
      remove(i, end);
      return end;
    }
    if (next.value === 'default') {
      let declaration = i + 2;
      if (tokens[declaration]?.value === 'async' && tokens[declaration + 1]?.value === 'function')
        declaration += 1;
      const keyword = tokens[declaration]?.value;
      if (keyword === 'function' || keyword === 'class') {
        let nameAt = declaration + 1;
        if (tokens[nameAt]?.value === '*') nameAt += 1;
        const name = tokens[nameAt];
        if (name?.type === 'name' && name.value !== 'extends') {
          define([['default', name.value]]);
          remove(i, i + 2);
          return i + 2;
        }
      }
      edits.push({ start: tokens[i].start, end: next.end, text: '__exports.default =' });
      return i + 2;
    }
    let declaration = i + 1;
    if (next.value === 'async') declaration += 1;
    const keyword = tokens[declaration]?.value;
    if (keyword === 'function' || keyword === 'class') {
      let nameAt = declaration + 1;
      if (tokens[nameAt]?.value === '*') nameAt += 1;
      const name = tokens[nameAt];
      if (name?.type !== 'name') fail(`an exported ${keyword} needs a name`, tokens[declaration].start);
      define([[name.value, name.value]]);
    } else if (keyword === 'const' || keyword === 'let' || keyword === 'var') {
      define(declaredNames(declaration).map((name) => [name, name]));
    } else {
      fail(`unexpected ${quote(next.value)} after "export"`, next.start);
    }
    remove(i, i + 1);
    return i + 1;
  };

  for (let i = 0; i < tokens.length;) {
    const token = tokens[i];
    const previous = tokens[i - 1];
    const isKeyword =
      token.type === 'name' &&
      (token.value === 'import' || token.value === 'export') &&
      !(previous && (previous.value === '.' || previous.value === '?.'));
    if (!isKeyword) {
      i += 1;
      continue;
    }
    const next = tokens[i + 1];
    if (token.value === 'import' && next?.value === '(') {
      edits.push({ start: token.start, end: token.end, text: '__import' });
      i += 1;
    } else if (token.value === 'import' && next?.value === '.') {
      if (tokens[i + 2]?.value !== 'meta') fail('expected import.meta', next.start);
      edits.push({ start: token.start, end: tokens[i + 2].end, text: '__meta' });
      i += 3;
    } else if (token.depth > 0) {
      // Not at the top level: leave it to the engine, which reports it where it is.
      i += 1;
    } else if (token.value === 'import') {
      i = staticImport(i);
    } else {
      i = exportStatement(i);
    }
  }

  let body = '';
  let offset = 0;
  for (const edit of edits) {
    body += source.slice(offset, edit.start) + edit.text;
    offset = edit.end;
  }
  body += source.slice(offset);
  const prefix = HEAD + head.join('');
  return { code: `${prefix}${body}\n})`, headLength: prefix.length, specifiers };
}
