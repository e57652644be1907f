// @ts-check
/**
 * A JavaScript tokenizer just careful enough to find a module's `import` and `export` statements:
 * it skips comments, strings, template literals (with nested `${}`) and regular expressions, and
 * tracks bracket depth. Each step is one native regular-expression match, so it stays cheap in
 * StarlingMonkey's interpreter, where the runner tokenizes the user's files on every request.
 */

/**
 * @typedef {object} Token
 * @property {'name' | 'string' | 'punct' | 'template' | 'regexp' | 'number' | 'other'} type
 * @property {string} value
 * @property {number} start   offset of the first character
 * @property {number} end     offset after the last character
 * @property {number} depth   bracket depth ({, ( and [) before the token
 * @property {boolean} newlineBefore  whether a line break precedes it (for ASI)
 */

// One alternative per kind; whitespace and comments are matched but not kept.
const TOKEN =
  /(\s+)|(\/\/[^\n\r\u2028\u2029]*|\/\*[\s\S]*?\*\/)|('(?:[^'\\\n\r]|\\[\s\S])*'|"(?:[^"\\\n\r]|\\[\s\S])*")|([A-Za-z_$\u0080-\uffff][\w$\u0080-\uffff]*)|(\d[\w.]*|\.\d[\w]*)|(\.\.\.|[{}()[\];,.`/])|([^\s\w$'"`/{}()[\];,.]+)/y;
const TEMPLATE_CHUNK = /(?:[^`\\$]|\\[\s\S]|\$(?!\{))*(`|\$\{)/y;
const REGEXP = /\/(?:[^/\\[\n\r]|\\.|\[(?:[^\]\\\n\r]|\\.)*\])+\/[A-Za-z]*/y;
const NEWLINE = /[\n\r\u2028\u2029]/;
// After these words an expression starts, so a `/` begins a regular expression.
const BEFORE_EXPRESSION = new Set([
  'return',
  'typeof',
  'instanceof',
  'in',
  'of',
  'new',
  'delete',
  'void',
  'throw',
  'case',
  'do',
  'else',
  'yield',
  'await',
]);

/** A tokenizing failure, with the offset where it happened. */
export class TokenError extends Error {
  /** @param {string} message @param {number} offset */
  constructor(message, offset) {
    super(message);
    this.offset = offset;
  }
}

/** @param {Token | undefined} previous */
function slashStartsRegExp(previous) {
  if (!previous) return true;
  if (previous.type === 'name') return BEFORE_EXPRESSION.has(previous.value);
  if (previous.type === 'punct')
    return !(previous.value === ')' || previous.value === ']' || previous.value === '}');
  return previous.type === 'other';
}

/**
 * Splits `source` into tokens (whitespace and comments dropped).
 * @param {string} source
 * @returns {Token[]}
 */
export function tokenize(source) {
  /** @type {Token[]} */
  const tokens = [];
  // What each open `{`, `(`, `[` or `${` is, to know where a template resumes.
  /** @type {string[]} */
  const stack = [];
  let offset = 0;
  let newlineBefore = false;
  /** @param {Token['type']} type @param {number} start @param {number} end */
  const push = (type, start, end) => {
    tokens.push({ type, value: source.slice(start, end), start, end, depth: stack.length, newlineBefore });
    newlineBefore = false;
  };
  /** Scans template text from `from` to its end or its next `${`. */
  const templateChunk = (/** @type {number} */ from) => {
    TEMPLATE_CHUNK.lastIndex = from;
    const match = TEMPLATE_CHUNK.exec(source);
    if (!match) throw new TokenError('unterminated template literal', from);
    if (match[1] === '${') stack.push('${');
    return TEMPLATE_CHUNK.lastIndex;
  };
  /**
   * Pushes the template text that starts at `start` (its opening `` ` `` or the `}` closing a
   * substitution, which ends at `from`), at the depth outside it; returns where it ends.
   */
  const pushTemplate = (/** @type {number} */ start, /** @type {number} */ from) => {
    const depth = stack.length;
    const after = templateChunk(from);
    tokens.push({
      type: 'template',
      value: source.slice(start, after),
      start,
      end: after,
      depth,
      newlineBefore,
    });
    newlineBefore = false;
    return after;
  };
  while (offset < source.length) {
    TOKEN.lastIndex = offset;
    const match = TOKEN.exec(source);
    if (!match) throw new TokenError(`unexpected character ${JSON.stringify(source[offset])}`, offset);
    const end = TOKEN.lastIndex;
    if (match[1] !== undefined || match[2] !== undefined) {
      if (NEWLINE.test(match[0])) newlineBefore = true;
    } else if (match[3] !== undefined) push('string', offset, end);
    else if (match[4] !== undefined) push('name', offset, end);
    else if (match[5] !== undefined) push('number', offset, end);
    else if (match[7] !== undefined) push('other', offset, end);
    else {
      const char = match[6];
      if (char === '`') {
        offset = pushTemplate(offset, end);
        continue;
      }
      if (char === '/' && slashStartsRegExp(tokens.at(-1))) {
        REGEXP.lastIndex = offset;
        if (!REGEXP.exec(source)) throw new TokenError('unterminated regular expression', offset);
        push('regexp', offset, REGEXP.lastIndex);
        offset = REGEXP.lastIndex;
        continue;
      }
      if (char === '{' || char === '(' || char === '[') {
        push('punct', offset, end);
        stack.push(char);
      } else if (char === '}' || char === ')' || char === ']') {
        const open = stack.pop();
        if (open === '${' && char === '}') {
          // The template resumes after its substitution.
          offset = pushTemplate(offset, end);
          continue;
        }
        // An opener and its closer both carry the depth outside their brackets.
        push('punct', offset, end);
      } else push('punct', offset, end);
    }
    offset = end;
  }
  return tokens;
}
