/**
 * `[variables]`: the application variables, each required or with a default.
 */
import { lowerSnakeIdProblem, suggestId } from './ids.ts';
import type { Problems } from './problems.ts';
import { TableReader, describeValue, isTable } from './toml-fields.ts';
import type { VariableDeclaration } from './types.ts';

const FIELDS = ['default', 'required', 'secret', 'description'];

/** Reads `[variables]`, recording a problem for each bad name or declaration. */
export function parseVariables(value: unknown, problems: Problems): Record<string, VariableDeclaration> {
  // Entries first, then Object.fromEntries: a key such as `__proto__` stays an ordinary key.
  const variables: [string, VariableDeclaration][] = [];
  if (value === undefined) return {};
  const place = { table: '[variables]', path: ['variables'] };
  if (!isTable(value)) {
    problems.add(place, '`variables` must be a table; write [variables] my_var = { default = "value" }.');
    return {};
  }
  for (const [name, declaration] of Object.entries(value)) {
    const at = { table: '[variables]', path: ['variables', name] };
    const nameProblem = lowerSnakeIdProblem(name);
    if (nameProblem !== undefined) {
      const guess = suggestId(name, 'lower-snake');
      problems.add(
        at,
        `${JSON.stringify(name)} is not a valid variable name: ${nameProblem}. Variable names are lower_snake_case${guess === undefined ? '' : `; write ${JSON.stringify(guess)}`}.`,
      );
    }
    if (!isTable(declaration)) {
      problems.add(
        at,
        `\`${name}\` must be a table, not ${describeValue(declaration)}; write ${name} = { default = "value" } or ${name} = { required = true }.`,
      );
      continue;
    }
    const fields = new TableReader(declaration, at, problems, FIELDS, `${name}.`);
    const defaultValue = fields.string('default', `${name} = { default = "value" }`);
    const required = fields.boolean('required', `${name} = { required = true }`) ?? false;
    const secret = fields.boolean('secret', `${name} = { required = true, secret = true }`) ?? false;
    const description = fields.string('description', `${name} = { description = "What it is for", ... }`);
    fields.finish();
    const about = description === undefined ? {} : { description };
    if (required && fields.has('default')) {
      problems.add(
        at,
        `\`${name}\` is both required and has a default, but a variable is one or the other: remove \`required = true\` to keep the default, or the default to make it required.`,
      );
    } else if (!required && !fields.has('default')) {
      problems.add(
        at,
        `\`${name}\` has no default and is not required: give it one, as in ${name} = { default = "value" }, or write ${name} = { required = true } to demand a value at deploy.`,
      );
    } else if (required) {
      variables.push([name, { required: true, secret, ...about }]);
    } else if (defaultValue !== undefined) {
      variables.push([name, { required: false, default: defaultValue, secret, ...about }]);
    }
  }
  return Object.fromEntries(variables);
}
