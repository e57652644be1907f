/**
 * A component's `source`: a path to a Wasm file, or `{ url, digest }`. Spin's third form, a
 * registry package, is refused: the browser has no registry client.
 */
import { TableReader, describeValue, isTable } from './toml-fields.ts';
import type { ComponentSource } from './types.ts';

/** Reads `source` from a component table; `undefined` when it is missing or unusable. */
export function readSource(fields: TableReader): ComponentSource | undefined {
  const example = 'source = "target/wasm32-wasip2/release/app.wasm"';
  const value = fields.value('source');
  if (value === undefined) {
    fields.problems.add(
      fields.place,
      `${fields.name('source')} is missing; add the component's Wasm file, as in ${example}.`,
    );
    return undefined;
  }
  if (typeof value === 'string') {
    if (value !== '') return { kind: 'local', path: value };
    fields.problem(
      'source',
      `${fields.name('source')} is empty; write the path of the component's Wasm file, as in ${example}.`,
    );
    return undefined;
  }
  if (!isTable(value)) {
    fields.problem(
      'source',
      `${fields.name('source')} must be a path or a { url, digest } table, not ${describeValue(value)}; write it as in ${example}.`,
    );
    return undefined;
  }
  if (['registry', 'package', 'version'].some((key) => Object.hasOwn(value, key))) {
    fields.problem(
      'source',
      `Swerve cannot fetch components from a registry; download the component and write its path, as in ${example}, or give its { url, digest }.`,
    );
    return undefined;
  }
  const remote = new TableReader(
    value,
    fields.at('source'),
    fields.problems,
    ['url', 'digest'],
    `${fields.prefix}source.`,
  );
  const example2 = 'source = { url = "https://example.com/app.wasm", digest = "sha256:..." }';
  const url = remote.requiredString('url', example2);
  const digest = remote.requiredString('digest', example2);
  remote.finish();
  if (digest !== undefined && !digest.startsWith('sha256:')) {
    remote.problem(
      'digest',
      `${remote.name('digest')} must start with "sha256:", followed by the SHA-256 of the file in hex.`,
    );
    return undefined;
  }
  return url === undefined || digest === undefined ? undefined : { kind: 'remote', url, digest };
}
