/**
 * Variable resolution at deploy time: application variables from defaults and overrides, then
 * each component's variables expanded from them.
 *
 * Spin resolves lazily, asking its providers on every `get`; Swerve's only provider is the set of
 * overrides given at deploy, which never changes for a deployed version, so everything is
 * resolved once, up front, and a missing required value fails the deploy just as it stops
 * `spin up` at start-up ("no provider resolved required variable(s)").
 */
import { SwerveError } from '../errors.ts';
import type { VariableDeclaration } from './declaration.ts';
import { envNameFor, guessDeclaredName, overrideKeyToName, type VariableOverrides } from './overrides.ts';
import { expandTemplate, parseTemplate } from './template.ts';
import { quote } from './variable-name.ts';

/** Application variable name → value, for every declared variable. */
export type ApplicationVariableValues = ReadonlyMap<string, string>;

/** What a component's guest sees: its own variables, fully expanded. */
export interface ComponentVariables {
  readonly componentId: string;
  /** Component variable name → value, in manifest order. */
  readonly values: ReadonlyMap<string, string>;
}

/**
 * Gives every application variable its value: the override if one was given, else the default.
 *
 * @param appName used in messages.
 * @throws SwerveError (`manifest-invalid`) listing every override key that names no declared
 *   variable and every required variable left without a value.
 */
export function resolveApplicationVariables(
  declarations: Readonly<Record<string, VariableDeclaration>>,
  overrides: VariableOverrides,
  appName: string,
): ApplicationVariableValues {
  const declared = Object.keys(declarations);
  const given = new Map<string, string>();
  const problems: string[] = [];

  for (const [key, value] of Object.entries(overrides)) {
    const name = overrideKeyToName(key);
    if (Object.hasOwn(declarations, name)) {
      given.set(name, value);
      continue;
    }
    const guess = guessDeclaredName(key, declared);
    problems.push(
      guess !== undefined
        ? `The override ${quote(key)} names no variable of the app; write it as ${quote(guess)} (or ${envNameFor(guess)}).`
        : `The override ${quote(key)} names no variable of the app, which declares ${declaredList(declared)}; check the spelling, or declare it in [variables].`,
    );
  }

  const values = new Map<string, string>();
  const missing: string[] = [];
  for (const [name, declaration] of Object.entries(declarations)) {
    const value = given.get(name) ?? (declaration.required ? undefined : declaration.default);
    if (value === undefined) missing.push(name);
    else values.set(name, value);
  }
  for (const name of missing) {
    problems.push(
      `The variable ${quote(name)} is required and has no value; give it one when you deploy, as the override { ${name}: "..." } (what ${envNameFor(name)} does for spin up).`,
    );
  }

  if (problems.length > 0) throw new SwerveError('manifest-invalid', listProblems(appName, problems));
  return values;
}

/**
 * Expands a component's variable templates (`"https://{{ host }}/v1"`) from application values.
 *
 * @throws SwerveError (`manifest-invalid`) when a template is malformed or names an undeclared
 *   variable; `parseManifest` rejects both, so this only fires for manifests built by hand.
 */
export function resolveComponentVariables(
  componentId: string,
  templates: Readonly<Record<string, string>>,
  appValues: ApplicationVariableValues,
): ComponentVariables {
  const values = new Map<string, string>();
  for (const [name, template] of Object.entries(templates)) {
    const parsed = parseTemplate(template);
    const value = parsed.ok ? expandTemplate(parsed.parts, (ref) => appValues.get(ref)) : undefined;
    if (value === undefined) {
      throw new SwerveError(
        'manifest-invalid',
        `Component ${quote(componentId)} variable ${quote(name)} cannot be expanded from ${quote(template)}: ${
          parsed.ok ? 'it names a variable that [variables] does not declare' : parsed.reason
        }. Declare every {{ name }} it uses in [variables].`,
      );
    }
    values.set(name, value);
  }
  return { componentId, values };
}

function declaredList(declared: readonly string[]): string {
  return declared.length === 0 ? 'no variables' : declared.map(quote).join(', ');
}

function listProblems(appName: string, problems: readonly string[]): string {
  const head = `App ${quote(appName)} cannot be deployed`;
  const [only] = problems;
  if (only !== undefined && problems.length === 1)
    return `${head}: ${only.charAt(0).toLowerCase()}${only.slice(1)}`;
  return `${head}, for ${problems.length} reasons:\n${problems.map((p) => `- ${p}`).join('\n')}`;
}
