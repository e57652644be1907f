/**
 * Deploy-time variable overrides: the browser's equivalent of `SPIN_VARIABLE_<NAME>`.
 *
 * `spin up` asks its environment provider for `SPIN_VARIABLE_` + the upper-cased name of each
 * declared variable. A deploy call names variables directly, so both spellings are accepted:
 * `api_token` and `SPIN_VARIABLE_API_TOKEN` set the same variable.
 */

/** Override values keyed by variable name (`api_token`) or by its env form (`SPIN_VARIABLE_API_TOKEN`). */
export type VariableOverrides = Readonly<Record<string, string>>;

const ENV_PREFIX = 'SPIN_VARIABLE_';

/** The variable an override key names: `SPIN_VARIABLE_API_TOKEN` → `api_token`, others unchanged. */
export function overrideKeyToName(key: string): string {
  const rest = key.startsWith(ENV_PREFIX) ? key.slice(ENV_PREFIX.length) : undefined;
  if (rest !== undefined && /^[A-Z0-9_]+$/.test(rest)) return rest.toLowerCase();
  return key;
}

/** The environment variable `spin up` would read for a variable: `api_token` → `SPIN_VARIABLE_API_TOKEN`. */
export function envNameFor(name: string): string {
  return ENV_PREFIX + name.toUpperCase();
}

/**
 * A guess at the declared variable an unknown override key meant (`API-Token` → `api_token`),
 * for the error message; `undefined` when nothing close is declared.
 */
export function guessDeclaredName(key: string, declared: readonly string[]): string | undefined {
  const folded = key.toLowerCase().replace(/[^a-z0-9]+/g, '_');
  return declared.find((name) => name === folded || name === folded.replace(/^spin_variable_/, ''));
}
