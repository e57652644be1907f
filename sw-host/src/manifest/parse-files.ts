/**
 * A component's `files`: globs relative to the app folder, or `{ source, destination }`
 * placements (https://spinframework.dev/writing-apps#including-files-with-components).
 */
import { TableReader, describeValue, isTable } from './toml-fields.ts';
import type { FileMount } from './types.ts';

const FILES_HELP = 'https://spinframework.dev/writing-apps#including-files-with-components';

/** Reads `files` from a component table; the good entries, with a problem for each bad one. */
export function readFiles(fields: TableReader): FileMount[] {
  const value = fields.value('files');
  if (value === undefined) return [];
  const example = 'files = ["static/**/*", { source = "assets", destination = "/" }]';
  if (!Array.isArray(value)) {
    fields.problem(
      'files',
      `${fields.name('files')} must be an array, not ${describeValue(value)}; write it as in ${example}.`,
    );
    return [];
  }
  const mounts: FileMount[] = [];
  for (const [i, item] of value.entries()) {
    if (typeof item === 'string') {
      const problem = globProblem(item);
      if (problem === undefined) mounts.push({ kind: 'glob', pattern: item });
      else fields.problems.add(fields.at('files', i), problem);
    } else if (isTable(item)) {
      const entry = new TableReader(
        item,
        fields.at('files', i),
        fields.problems,
        ['source', 'destination'],
        `${fields.prefix}files[${i}].`,
      );
      const source = entry.requiredString('source', '{ source = "assets", destination = "/" }');
      const destination = entry.requiredString('destination', '{ source = "assets", destination = "/" }');
      entry.finish();
      if (source !== undefined && destination !== undefined)
        mounts.push({ kind: 'placement', source, destination });
    } else {
      fields.problems.add(
        fields.at('files', i),
        `${fields.name('files')} item ${i + 1} must be a glob string or a { source, destination } table, not ${describeValue(item)}; write it as in ${example}.`,
      );
    }
  }
  return mounts;
}

// Spin refuses these when it copies the files; saying so at parse time saves a deploy.
function globProblem(pattern: string): string | undefined {
  if (pattern === '..' || pattern.endsWith('/..') || pattern === '.' || pattern.endsWith('/.')) {
    return `The file pattern ${JSON.stringify(pattern)} ends in a directory name (${pattern.endsWith('..') ? '..' : '.'}); to include a directory, use { source = "dir", destination = "/dir" } or a glob ending in **/* (${FILES_HELP}).`;
  }
  return undefined;
}
