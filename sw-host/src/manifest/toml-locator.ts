/**
 * Finds the line a table or key was written on, so that a message about `[component.api]`
 * `source` can point at it: smol-toml reports lines only for syntax errors.
 *
 * A line scanner, not a parser: it follows `[table]` and `[[array]]` headers and `key =` lines,
 * steps over strings, comments and multi-line arrays, and does not look inside inline tables.
 * Anything it cannot place falls back to the nearest enclosing table, or to no line at all.
 */

/** A key path: table names and keys, with the 0-based index after an array of tables. */
export type TomlPath = readonly (string | number)[];

/** Answers where a path was written. */
export interface TomlLocator {
  /** The 1-based line of the path, else of its nearest written ancestor; `undefined` if none. */
  lineOf(path: TomlPath): number | undefined;
}

interface ScanState {
  /** Brackets and braces still open from earlier lines. */
  depth: number;
  /** The delimiter of a multi-line string still open from an earlier line. */
  openString: '"""' | "'''" | undefined;
}

/** Indexes the headers and keys of a TOML document. */
export function locateToml(text: string): TomlLocator {
  const lines = new Map<string, number>();
  const arrayCounts = new Map<string, number>();
  const record = (path: TomlPath, line: number) => {
    const key = JSON.stringify(path);
    if (!lines.has(key)) lines.set(key, line);
  };

  let table: TomlPath = [];
  let state: ScanState = { depth: 0, openString: undefined };
  for (const [n, line] of text.split(/\r?\n/).entries()) {
    const lineNumber = n + 1;
    if (state.depth > 0 || state.openString !== undefined) {
      state = scanValue(line, 0, state);
      continue;
    }
    const start = line.length - line.trimStart().length;
    if (line[start] === '[') {
      const isArray = line[start + 1] === '[';
      const keys = readKeyPath(line, start + (isArray ? 2 : 1));
      if (keys === undefined) continue;
      table = resolveHeader(keys.path, isArray, arrayCounts);
      // `[a.b]` defines `a` too, if nothing did before.
      for (let i = 1; i <= table.length; i += 1) record(table.slice(0, i), lineNumber);
      continue;
    }
    if (line[start] === undefined || line[start] === '#') continue;
    const keys = readKeyPath(line, start);
    if (keys === undefined || line[keys.end] !== '=') continue;
    for (let i = 1; i <= keys.path.length; i += 1) record([...table, ...keys.path.slice(0, i)], lineNumber);
    state = scanValue(line, keys.end + 1, state);
  }

  return {
    lineOf(path) {
      for (let length = path.length; length > 0; length -= 1) {
        const line = lines.get(JSON.stringify(path.slice(0, length)));
        if (line !== undefined) return line;
      }
      return undefined;
    },
  };
}

/** Turns header keys into a path, adding array indexes: `[[trigger.http]]` → `trigger.http.<n>`. */
function resolveHeader(keys: readonly string[], isArray: boolean, counts: Map<string, number>): TomlPath {
  const path: (string | number)[] = [];
  for (const [i, key] of keys.entries()) {
    path.push(key);
    const id = JSON.stringify(path);
    if (isArray && i === keys.length - 1) {
      const index = counts.get(id) ?? 0;
      counts.set(id, index + 1);
      path.push(index);
    } else {
      // A header inside an array of tables belongs to its latest element.
      const count = counts.get(id);
      if (count !== undefined) path.push(count - 1);
    }
  }
  return path;
}

/**
 * Reads a dotted key (`a."b.c".'d'`) starting at `from`; `end` is the index of the first
 * character after it and any whitespace.
 */
function readKeyPath(line: string, from: number): { path: string[]; end: number } | undefined {
  const path: string[] = [];
  let i = from;
  for (;;) {
    while (line[i] === ' ' || line[i] === '\t') i += 1;
    const quote = line[i];
    if (quote === '"' || quote === "'") {
      const close = findClosingQuote(line, i + 1, quote);
      if (close === -1) return undefined;
      const raw = line.slice(i + 1, close);
      path.push(quote === '"' ? unescapeBasic(raw) : raw);
      i = close + 1;
    } else {
      const bare = /^[A-Za-z0-9_-]+/.exec(line.slice(i))?.[0];
      if (bare === undefined) return undefined;
      path.push(bare);
      i += bare.length;
    }
    while (line[i] === ' ' || line[i] === '\t') i += 1;
    if (line[i] !== '.') return { path, end: i };
    i += 1;
  }
}

/** Follows a value from `from` to the end of the line, tracking what stays open. */
function scanValue(line: string, from: number, state: ScanState): ScanState {
  let { depth, openString } = state;
  let i = from;
  while (i < line.length) {
    if (openString !== undefined) {
      const close = line.indexOf(openString, i);
      if (close === -1) return { depth, openString };
      i = close + 3;
      openString = undefined;
      continue;
    }
    const char = line[i];
    if (char === '#') break;
    if (char === '"' || char === "'") {
      if (line.startsWith(char.repeat(3), i)) {
        openString = char === '"' ? '"""' : "'''";
        i += 3;
        continue;
      }
      const close = findClosingQuote(line, i + 1, char);
      i = close === -1 ? line.length : close + 1;
      continue;
    }
    if (char === '[' || char === '{') depth += 1;
    if (char === ']' || char === '}') depth = Math.max(0, depth - 1);
    i += 1;
  }
  return { depth, openString };
}

function findClosingQuote(line: string, from: number, quote: string): number {
  for (let i = from; i < line.length; i += 1) {
    if (quote === '"' && line[i] === '\\') i += 1;
    else if (line[i] === quote) return i;
  }
  return -1;
}

function unescapeBasic(raw: string): string {
  try {
    return JSON.parse(`"${raw}"`) as string;
  } catch {
    return raw;
  }
}
