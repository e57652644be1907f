/**
 * `[application]`: the app's name, version, description and authors.
 */
import type { Problems } from './problems.ts';
import { TableReader, isTable, type TomlTable } from './toml-fields.ts';
import { parseSwerveTool } from './parse-swerve-tool.ts';
import type { ApplicationInfo, NavigationOptIn } from './types.ts';

const FIELDS = ['name', 'version', 'description', 'authors', 'targets', 'trigger', 'tool'];

/** Reads `[application]`; `undefined` when it is missing or unusable (a problem is recorded). */
export function parseApplication(
  value: unknown,
  problems: Problems,
  warnings: string[],
): ApplicationInfo | undefined {
  const place = { table: '[application]', path: ['application'] };
  if (!isTable(value)) {
    problems.add(
      { table: '', path: [] },
      value === undefined
        ? 'The [application] table is missing; add one with at least a name: [application] name = "my-app".'
        : '`application` must be a table; write [application] name = "my-app".',
    );
    return undefined;
  }
  const fields = new TableReader(value, place, problems, FIELDS);
  const name = fields.requiredString('name', 'name = "my-app"');
  const version = fields.string('version', 'version = "0.1.0"');
  const description = fields.string('description', 'description = "What the app does"');
  const authors = fields.stringArray('authors', 'authors = ["Ada <ada@example.com>"]');
  // Spin reads `targets` for `spin deploy` compatibility checks and ignores `tool`; Swerve reads
  // its own `tool.swerve`.
  fields.value('targets');
  const tools = fields.table('tool', '[application.tool.my-tool]');
  const swerve = tools?.['swerve'];
  let navigation: NavigationOptIn = { frameAncestors: [], formsFrom: [] };
  if (isTable(swerve)) navigation = parseSwerveTool(swerve, problems, warnings);
  else if (swerve !== undefined)
    fields.problem('tool', '`tool.swerve` must be a table; write [application.tool.swerve].');
  const triggerSettings = fields.table('trigger', '[application.trigger.http]');
  if (triggerSettings !== undefined) checkTriggerSettings(triggerSettings, fields, warnings);
  fields.finish();
  if (name === undefined) return undefined;
  return {
    name,
    ...(version === undefined || version === '' ? {} : { version }),
    ...(description === undefined || description === '' ? {} : { description }),
    authors,
    navigation,
  };
}

/**
 * `[application.trigger.http]` may hold only the deprecated `base`, and only as `/`: Spin refuses
 * any other base, because routes must now carry it themselves.
 */
function checkTriggerSettings(settings: TomlTable, application: TableReader, warnings: string[]): void {
  const http = settings['http'];
  if (http === undefined) return;
  if (!isTable(http)) {
    application.problem('trigger', '`trigger.http` must be a table; write [application.trigger.http].');
    return;
  }
  const place = { table: '[application.trigger.http]', path: ['application', 'trigger', 'http'] };
  const fields = new TableReader(http, place, application.problems, ['base']);
  const base = fields.string('base', 'base = "/"');
  fields.finish();
  if (base === '/') {
    warnings.push(
      '[application.trigger.http] sets the deprecated `base` to "/", its default; remove it (Spin may refuse it in the future).',
    );
  } else if (base !== undefined) {
    fields.problem(
      'base',
      `The deprecated \`base\` must be "/" if present; prepend ${JSON.stringify(base)} to each [[trigger.http]] route instead, and remove \`base\`.`,
    );
  }
}
