/**
 * `[application.tool.swerve]`: what an app lets other origins do with its documents, beyond
 * Swerve's defaults (docs/decisions/0007). Spin ignores `tool` tables, so a manifest that says
 * this still runs under `spin up`, where the app decides for itself.
 *
 * By default another origin's page may neither frame the app's documents (only the app itself,
 * the site and configured embedders may) nor send them a form (a non-GET navigation): both would
 * let any page make the app act for its visitor. Each entry widens that for one origin, or `"*"`
 * for any, and the deploy says so in a warning.
 */
import type { Problems } from './problems.ts';
import { TableReader, type TomlTable } from './toml-fields.ts';
import type { NavigationOptIn } from './types.ts';

const FIELDS = ['frame_ancestors', 'forms_from'];

/**
 * An origin as a browser serialises it, which is what it is compared with: a lower-case scheme
 * and host, a port only when it is not the scheme's default, no path.
 */
const ORIGIN = /^(https?):\/\/([a-z0-9-]+(?:\.[a-z0-9-]+)*|\[[0-9a-f:.]+\])(?::(\d{1,5}))?$/;

/** `"*"`, or an origin written as the browser serialises it. */
function isOriginEntry(entry: string): boolean {
  if (entry === '*') return true;
  const match = ORIGIN.exec(entry);
  if (!match) return false;
  const [, scheme, , port] = match;
  return port === undefined || port !== (scheme === 'http' ? '80' : '443');
}

export function parseSwerveTool(table: TomlTable, problems: Problems, warnings: string[]): NavigationOptIn {
  const place = { table: '[application.tool.swerve]', path: ['application', 'tool', 'swerve'] };
  const fields = new TableReader(table, place, problems, FIELDS);
  const read = (key: string, example: string): string[] =>
    fields.stringArray(key, example).filter((entry) => {
      if (isOriginEntry(entry)) return true;
      fields.problem(
        key,
        `${JSON.stringify(entry)} in ${key} is not an origin: write scheme://host[:port] in lower case, ` +
          `with no path and no default port (as in ${example}), or "*" for any origin.`,
      );
      return false;
    });
  const frameAncestors = read('frame_ancestors', 'frame_ancestors = ["https://docs.example.com"]');
  const formsFrom = read('forms_from', 'forms_from = ["https://shop.example.com"]');
  fields.finish();
  if (frameAncestors.length > 0) {
    warnings.push(
      `[application.tool.swerve] frame_ancestors lets pages of ${frameAncestors.join(', ')} frame this app's ` +
        'documents (by default only the app itself, the site and its embedders may): they can show them ' +
        'inside their own pages, so guard state-changing buttons.',
    );
  }
  if (formsFrom.length > 0) {
    warnings.push(
      `[application.tool.swerve] forms_from lets pages of ${formsFrom.join(', ')} send this app forms (POST ` +
        'and other non-GET navigations), which Swerve refuses from other origins by default: check such ' +
        'requests yourself (a CSRF token, the Origin header).',
    );
  }
  return { frameAncestors, formsFrom };
}
