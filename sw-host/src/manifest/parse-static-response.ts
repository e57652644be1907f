/**
 * `static_response = { status_code, headers, body }`: an HTTP trigger answered by the host
 * without running a component.
 *
 * Spin does not refuse unknown fields here (its `StaticResponse` has no `deny_unknown_fields`),
 * so Swerve warns instead of failing. It does refuse what a browser cannot answer with: a status
 * outside 200 to 599 (the Fetch `Response` constructor throws), a body on 204, 205 or 304, and a
 * header that is not a valid HTTP header.
 */
import type { Problems } from './problems.ts';
import { closest } from './suggest.ts';
import { TableReader, type TomlTable } from './toml-fields.ts';
import type { StaticResponse } from './types.ts';

const FIELDS = ['status_code', 'headers', 'body'];
const NULL_BODY_STATUSES = [204, 205, 304];
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** Reads a static response; `undefined` when it is unusable (problems are recorded). */
export function parseStaticResponse(
  table: TomlTable,
  reader: TableReader,
  problems: Problems,
  warnings: string[],
): StaticResponse | undefined {
  const fields = new TableReader(table, reader.at('static_response'), problems, FIELDS, 'static_response.');
  const before = problems.count;
  const status = fields.integer('status_code', 'static_response = { status_code = 404 }') ?? 200;
  const headers = fields.stringTable(
    'headers',
    'static_response = { headers = { content-type = "text/plain" } }',
  );
  const body = fields.string('body', 'static_response = { body = "Not here" }');

  for (const key of Object.keys(table).filter((k) => !FIELDS.includes(k))) {
    const guess = closest(key, FIELDS);
    const hint = guess === undefined ? '' : ` Did you mean \`static_response.${guess}\`?`;
    warnings.push(
      `${reader.place.table}: \`static_response.${key}\` is not a field of a static response and is ignored, as Spin ignores it.${hint}`,
    );
  }
  if (status < 200 || status > 599) {
    fields.problem(
      'status_code',
      `\`static_response.status_code\` is ${status}, but a browser can only answer with a status from 200 to 599; pick one in that range.`,
    );
  } else if (body !== undefined && NULL_BODY_STATUSES.includes(status)) {
    fields.problem(
      'body',
      `A ${status} response cannot have a body; remove \`static_response.body\` or use another status.`,
    );
  }
  for (const [name, value] of headers) {
    if (!HEADER_NAME.test(name)) {
      fields.problem(
        'headers',
        `${JSON.stringify(name)} is not a valid HTTP header name; use letters, digits and -, as in content-type.`,
      );
    } else if (/[\r\n\0]/.test(value)) {
      fields.problem(
        'headers',
        `The value of header ${JSON.stringify(name)} contains a line break or NUL, which HTTP headers cannot; remove it.`,
      );
    }
  }
  if (problems.count > before) return undefined;
  return { status, headers, ...(body === undefined ? {} : { body }) };
}
