/**
 * One component: a `[component.<id>]` table, or a table written inline as a trigger's
 * `component`. Fields follow Spin's `Component` (crates/manifest/src/schema/v2.rs); the ones
 * Swerve cannot honour are refused with a way out rather than silently ignored.
 */
import { allowedHostProblems } from '../outbound/allowed-hosts.ts';
import { parseTemplate, templateVariables } from '../variables/template.ts';
import { convertAllowedHttpHosts } from './allowed-http-hosts.ts';
import { lowerSnakeIdProblem, storeLabelProblem } from './ids.ts';
import { readFiles } from './parse-files.ts';
import { readSource } from './parse-source.ts';
import type { Place, Problems } from './problems.ts';
import { closest } from './suggest.ts';
import { TableReader, describeValue, type TomlTable } from './toml-fields.ts';
import type { BuildConfig, ComponentManifest, VariableDeclaration } from './types.ts';

const FIELDS = [
  'source',
  'description',
  'variables',
  'environment',
  'files',
  'exclude_files',
  'allowed_http_hosts',
  'allowed_outbound_hosts',
  'key_value_stores',
  'sqlite_databases',
  'ai_models',
  'targets',
  'build',
  'tool',
  'dependencies_inherit_configuration',
  'dependencies',
  'profile',
];

/** What a component is read against. */
export interface ComponentContext {
  readonly problems: Problems;
  readonly warnings: string[];
  readonly variables: Readonly<Record<string, VariableDeclaration>>;
  /** Component fields written under another name (a version 1 manifest's `config`). */
  readonly spelling?: Readonly<Record<string, string>>;
}

/**
 * Reads one component table, recording problems.
 *
 * @param prefix how messages name its fields: `''` in `[component.<id>]`, `component.` inline.
 * @returns `undefined` when it has no usable `source`.
 */
export function parseComponent(
  table: TomlTable,
  identity: { readonly id: string; readonly inline: boolean },
  place: Place,
  prefix: string,
  context: ComponentContext,
): ComponentManifest | undefined {
  const fields = new TableReader(table, place, context.problems, FIELDS, prefix, context.spelling);
  const source = readSource(fields);
  const description = fields.string('description', 'description = "What it does"');
  const variables = readVariables(fields, context.variables);
  const environment = Object.fromEntries(
    fields.stringTable('environment', 'environment = { LOG_LEVEL = "debug" }'),
  );
  const files = readFiles(fields);
  const excludeFiles = fields.stringArray('exclude_files', 'exclude_files = ["secrets/**"]');
  const allowedOutboundHosts = readAllowedHosts(fields, identity.id, context);
  const keyValueStores = readLabels(fields, 'key_value_stores', 'key_value_stores = ["default"]');
  const sqliteDatabases = readLabels(fields, 'sqlite_databases', 'sqlite_databases = ["default"]');
  const aiModels = fields.stringArray('ai_models', 'ai_models = ["llama2-chat"]');
  const build = readBuild(fields);
  // Read by other Spin tools, not by the runtime: accepted and left alone, as `spin up` does.
  fields.value('targets');
  fields.table('tool', 'tool.my-tool = { ... }');
  fields.table('profile', 'profile.debug.source = "debug.wasm"');
  fields.boolean('dependencies_inherit_configuration', 'dependencies_inherit_configuration = true');
  const dependencies = fields.table(
    'dependencies',
    'dependencies = { "my:dep/import" = { path = "dep.wasm" } }',
  );
  if (dependencies !== undefined && Object.keys(dependencies).length > 0) {
    fields.problem(
      'dependencies',
      `Swerve does not compose component dependencies yet; compose them ahead of time (for example with \`wac plug\`), point ${fields.name('source')} at the result, and remove ${fields.name('dependencies')}.`,
    );
  }
  fields.finish();
  if (source === undefined) return undefined;
  return {
    id: identity.id,
    inline: identity.inline,
    ...(description === undefined || description === '' ? {} : { description }),
    source,
    files,
    excludeFiles,
    allowedOutboundHosts,
    keyValueStores,
    sqliteDatabases,
    aiModels,
    environment,
    variables,
    ...(build === undefined ? {} : { build }),
  };
}

function readVariables(
  fields: TableReader,
  declared: Readonly<Record<string, VariableDeclaration>>,
): Record<string, string> {
  const pairs = fields.stringTable('variables', 'variables = { api_url = "https://{{ api_host }}/v1" }');
  for (const [name, template] of pairs) {
    const nameProblem = lowerSnakeIdProblem(name);
    if (nameProblem !== undefined) {
      fields.problems.add(
        fields.at('variables', name),
        `${JSON.stringify(name)} is not a valid variable name: ${nameProblem}. Component variable names are lower_snake_case.`,
      );
    }
    const parsed = parseTemplate(template);
    if (!parsed.ok) {
      fields.problems.add(
        fields.at('variables', name),
        `The template of ${fields.name(`variables.${name}`)}, ${JSON.stringify(template)}, is not valid: ${parsed.reason}. Close every {{ with }}.`,
      );
      continue;
    }
    for (const ref of templateVariables(parsed.parts)) {
      if (Object.hasOwn(declared, ref)) continue;
      const guess = closest(ref, Object.keys(declared));
      const fix =
        guess === undefined
          ? `declare it in [variables], as in ${ref} = { default = "value" }`
          : `did you mean ${JSON.stringify(guess)}? Otherwise declare it in [variables]`;
      fields.problems.add(
        fields.at('variables', name),
        `${fields.name(`variables.${name}`)} uses {{ ${ref} }}, but [variables] declares no ${JSON.stringify(ref)}; ${fix}.`,
      );
    }
  }
  return Object.fromEntries(pairs);
}

function readAllowedHosts(fields: TableReader, id: string, context: ComponentContext): string[] {
  const entries = fields.stringArray(
    'allowed_outbound_hosts',
    'allowed_outbound_hosts = ["https://api.example.com"]',
  );
  const defaults = new Map<string, string>();
  for (const [name, declaration] of Object.entries(context.variables)) {
    if (!declaration.required) defaults.set(name, declaration.default);
  }
  for (const reason of allowedHostProblems(entries, defaults))
    fields.problem('allowed_outbound_hosts', reason);
  for (const entry of entries) {
    const template = parseTemplate(entry);
    const undeclared = template.ok
      ? templateVariables(template.parts).filter((name) => !Object.hasOwn(context.variables, name))
      : [];
    for (const name of undeclared) {
      fields.problem(
        'allowed_outbound_hosts',
        `The entry ${JSON.stringify(entry)} uses {{ ${name} }}, but [variables] declares no ${JSON.stringify(name)}; declare it, as in ${name} = { default = "api.example.com" }.`,
      );
    }
  }

  const legacy = fields.stringArray(
    'allowed_http_hosts',
    'allowed_outbound_hosts = ["https://api.example.com"]',
  );
  if (legacy.length === 0) return entries;
  const converted = convertAllowedHttpHosts(legacy);
  if (!converted.ok) {
    fields.problem(
      'allowed_http_hosts',
      `${fields.name('allowed_http_hosts')} is deprecated, and ${converted.reason}; replace it with allowed_outbound_hosts = ["https://api.example.com"].`,
    );
    return entries;
  }
  context.warnings.push(
    `Component ${JSON.stringify(id)} uses the deprecated field \`allowed_http_hosts\`; replace it with allowed_outbound_hosts = ${JSON.stringify(converted.hosts)}.`,
  );
  return [...entries, ...converted.hosts];
}

function readLabels(fields: TableReader, key: string, example: string): string[] {
  const labels = fields.stringArray(key, example);
  for (const [i, label] of labels.entries()) {
    const problem = storeLabelProblem(label);
    if (problem !== undefined) {
      fields.problems.add(
        fields.at(key, i),
        `The label ${JSON.stringify(label)} in ${fields.name(key)} is not valid: ${problem}, as in ${example}.`,
      );
    }
  }
  return labels;
}

function readBuild(fields: TableReader): BuildConfig | undefined {
  const table = fields.table('build', '[component.<id>.build] command = "cargo build --release"');
  if (table === undefined) return undefined;
  const build = new TableReader(
    table,
    fields.at('build'),
    fields.problems,
    ['command', 'workdir', 'watch'],
    `${fields.prefix}build.`,
  );
  const example = 'command = "cargo build --release"';
  const command = build.value('command');
  let commands: string[] = [];
  if (typeof command === 'string') commands = [command];
  else if (Array.isArray(command) || command === undefined)
    commands = build.stringArray('command', 'command = ["npm install", "npm run build"]');
  else
    build.problem(
      'command',
      `${build.name('command')} must be a string or an array of strings, not ${describeValue(command)}; write it as in ${example}.`,
    );
  if (command === undefined)
    fields.problems.add(build.place, `${build.name('command')} is missing; add it, as in ${example}.`);
  const workdir = build.string('workdir', 'workdir = "components/api"');
  const watch = build.stringArray('watch', 'watch = ["src/**/*.rs"]');
  build.finish();
  return { commands, ...(workdir === undefined ? {} : { workdir }), watch };
}
