/**
 * The names a guest may ask for through `fermyon:spin/variables` and `wasi:config/store`.
 *
 * Spin checks every requested name before looking it up, and the reason it gives comes back to
 * the guest inside `error::invalid-name`, so the wording mirrors Spin's (`spin_expressions::Key`).
 * Manifest names are stricter (see `../manifest/ids.ts`): `a_1` is a valid name to ask for but
 * not a valid name to declare.
 */

/**
 * Checks a variable name the way Spin does when a guest asks for it.
 *
 * @returns `undefined` when the name is valid, otherwise Spin's message, which starts with the
 *   quoted name (e.g. `"aX": invalid character 'X'. Variable names may contain ...`).
 */
export function variableNameProblem(name: string): string | undefined {
  const reason = reasonFor(name);
  return reason === undefined ? undefined : `${quote(name)}: ${reason}`;
}

function reasonFor(name: string): string | undefined {
  if (name === '') return 'must not be empty';
  for (const char of name) {
    if (!/^[a-z0-9_]$/.test(char)) {
      return `invalid character ${quoteChar(char)}. Variable names may contain only lower-case letters, numbers, and underscores.`;
    }
  }
  if (!/^[a-z]/.test(name)) return 'must start with a lowercase ASCII letter';
  if (!/[a-z0-9]$/.test(name)) return 'must end with a lowercase ASCII letter or digit';
  if (name.includes('__')) return 'must not contain multiple consecutive underscores';
  return undefined;
}

/** Quotes a string the way Rust's `{:?}` does for the strings that reach these messages. */
export function quote(text: string): string {
  return JSON.stringify(text);
}

function quoteChar(char: string): string {
  if (char === "'") return "'\\''";
  if (char === '\\') return "'\\\\'";
  const json = JSON.stringify(char);
  return `'${json.slice(1, -1)}'`;
}
