/**
 * Spin's identifier rules (spinframework/spin crates/serde/src/id.rs): words of ASCII letters and
 * digits, each starting with a letter and all one case, joined by `-` (component ids, "kebab")
 * or `_` (variable names, "snake"). Variable names must also be all lower-case.
 */

type Style = 'kebab' | 'snake' | 'lower-snake';

/** Why `id` is not a Spin kebab id (`api`, `my-component`, `v2-API`), or `undefined`. */
export function kebabIdProblem(id: string): string | undefined {
  return idProblem(id, 'kebab');
}

/** Why `name` is not a lower_snake name (`api_token`, `v2`), or `undefined`. */
export function lowerSnakeIdProblem(name: string): string | undefined {
  return idProblem(name, 'lower-snake');
}

/** Why a store label is neither kebab nor snake case, or `undefined`. */
export function storeLabelProblem(label: string): string | undefined {
  if (idProblem(label, 'kebab') === undefined || idProblem(label, 'snake') === undefined) return undefined;
  return 'expected kebab-case or snake_case';
}

/** The id in the given style, guessed from a near miss (`myApi` → `my-api`), if that is valid. */
export function suggestId(id: string, style: 'kebab' | 'lower-snake'): string | undefined {
  const words = id
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word !== '')
    .map((word) => word.toLowerCase());
  const guess = words.join(style === 'kebab' ? '-' : '_');
  return guess !== id && idProblem(guess, style) === undefined ? guess : undefined;
}

function idProblem(id: string, style: Style): string | undefined {
  const delim = style === 'kebab' ? '-' : '_';
  const wrong = style === 'kebab' ? '_' : '-';
  if (id === '') return 'it is empty';
  if (id.includes(wrong)) return `words must be separated with '${delim}', not '${wrong}'`;
  for (const word of id.split(delim)) {
    if (word === '') return `'${delim}'-separated words must not be empty`;
    const first = word.charAt(0);
    if (!/[A-Za-z]/.test(first))
      return `'${delim}'-separated words must start with an ASCII letter; got '${first}'`;
    const upper = /[A-Z]/.test(first);
    for (const char of word.slice(1)) {
      if (/[0-9]/.test(char)) continue;
      if (!/[A-Za-z]/.test(char)) {
        return `'${delim}'-separated words may only contain alphanumeric ASCII; got '${char}'`;
      }
      if (/[A-Z]/.test(char) !== upper) {
        return `'${delim}'-separated words must be all lowercase or all UPPERCASE; got "${word}"`;
      }
    }
    if (style === 'lower-snake' && upper) return `names must be all lowercase; got "${id}"`;
  }
  return undefined;
}
