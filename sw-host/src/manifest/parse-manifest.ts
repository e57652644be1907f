/**
 * Reads a `spin.toml` into an {@link AppManifest}, or throws one error that lists every problem
 * found, each with its file, line, table, and what to write instead. Version 1 manifests are
 * converted to version 2 first, as Spin does (convert-v1.ts), and then read the same way.
 *
 * Spin's manifest reference: https://spinframework.dev/manifest-reference
 */
import { parse, TomlError } from 'smol-toml';
import { SwerveError } from '../errors.ts';
import { convertV1 } from './convert-v1.ts';
import { kebabIdProblem, suggestId } from './ids.ts';
import { parseApplication } from './parse-application.ts';
import { parseComponent, type ComponentContext } from './parse-component.ts';
import { parseTriggers } from './parse-triggers.ts';
import { parseVariables } from './parse-variables.ts';
import { Problems, type Place } from './problems.ts';
import { TableReader, describeValue, isTable, type TomlTable } from './toml-fields.ts';
import { locateToml } from './toml-locator.ts';
import type { AppManifest, ComponentManifest } from './types.ts';

const TOP_LEVEL = ['spin_manifest_version', 'application', 'variables', 'trigger', 'component'];

/**
 * Parses and validates a Spin manifest.
 *
 * @param fileName how messages name the file, e.g. `spin.toml` or `apps/shop/spin.toml`.
 * @throws SwerveError (`manifest-invalid`) listing every problem found.
 */
export function parseManifest(text: string, fileName: string): AppManifest {
  const document = parseToml(text, fileName);
  const locator = locateToml(text);
  const allProblems = new Problems();
  const warnings: string[] = [];
  const top: Place = { table: '', path: [] };

  const v1 =
    readVersion(document, fileName, locator) === 1 ? convertV1(document, allProblems, fileName) : undefined;
  if (v1 !== undefined) warnings.push(v1.warning);
  // From here on the tables are version 2; a converted manifest's problems go back to its lines.
  const problems = v1 === undefined ? allProblems : allProblems.translated(v1.translate);
  const root = new TableReader(v1?.document ?? document, top, problems, TOP_LEVEL);
  const application = parseApplication(root.value('application'), problems, warnings);
  const variables = parseVariables(root.value('variables'), problems);
  const context: ComponentContext = { problems, warnings, variables, ...(v1 && { spelling: v1.spelling }) };
  const { components, ids } = parseComponents(root.value('component'), context);
  const { triggers, inlineComponents } = parseTriggers(root.value('trigger'), ids, context);
  root.finish();

  const error = allProblems.toError(fileName, locator);
  if (error !== undefined || application === undefined)
    throw error ?? new Error('unreachable: no application');
  for (const component of inlineComponents) components.push([component.id, component]);
  return {
    fileName,
    application,
    variables,
    triggers,
    components: Object.fromEntries(components),
    warnings,
  };
}

function parseToml(text: string, fileName: string): TomlTable {
  try {
    return parse(text);
  } catch (error) {
    if (!(error instanceof TomlError)) throw error;
    const reason = error.message.split('\n', 1)[0]?.replace(/^Invalid TOML document: /, '') ?? error.message;
    throw new SwerveError(
      'manifest-invalid',
      `Invalid Spin manifest. ${fileName}:${error.line}:${error.column}: this is not valid TOML (${reason}); fix the syntax there (see https://toml.io).\n${error.codeblock}`,
      { cause: error },
    );
  }
}

/**
 * Which manifest version this is, as Spin tells them apart: the string "1" (also under the old
 * name `spin_version`) or the integer 2. Any other version is the only problem reported, since
 * reading the fields of an unknown version would bury the one thing to fix.
 */
function readVersion(document: TomlTable, fileName: string, locator: ReturnType<typeof locateToml>): 1 | 2 {
  const version = document['spin_manifest_version'] ?? document['spin_version'];
  if (version === 2) return 2;
  if (version === '1') return 1;
  const problems = new Problems();
  const key =
    document['spin_manifest_version'] === undefined && version !== undefined
      ? 'spin_version'
      : 'spin_manifest_version';
  const top: Place = { table: '', path: [key] };
  if (version === undefined) {
    problems.add(
      top,
      'The first line must say which manifest version this is: write spin_manifest_version = 2.',
    );
  } else if (version === 1) {
    problems.add(
      top,
      'A version 1 manifest writes its version as a string: write spin_manifest_version = "1", or upgrade the manifest to version 2 and write spin_manifest_version = 2.',
    );
  } else {
    problems.add(
      top,
      `\`${key}\` must be 2, not ${typeof version === 'object' ? describeValue(version) : JSON.stringify(version)}; write spin_manifest_version = 2.`,
    );
  }
  throw problems.toError(fileName, locator);
}

/** Reads every `[component.<id>]`; `ids` holds every id written, even those with problems. */
function parseComponents(
  value: unknown,
  context: ComponentContext,
): { components: [string, ComponentManifest][]; ids: Set<string> } {
  const components: [string, ComponentManifest][] = [];
  const ids = new Set<string>();
  if (value === undefined) return { components, ids };
  if (!isTable(value)) {
    context.problems.add(
      { table: '', path: ['component'] },
      `\`component\` must be a table of components, not ${describeValue(value)}; write [component.my-component] source = "app.wasm".`,
    );
    return { components, ids };
  }
  for (const [id, table] of Object.entries(value)) {
    ids.add(id);
    const place: Place = { table: `[component.${id}]`, path: ['component', id] };
    const idProblem = kebabIdProblem(id);
    if (idProblem !== undefined) {
      const guess = suggestId(id, 'kebab');
      context.problems.add(
        place,
        `${JSON.stringify(id)} is not a valid component id: ${idProblem}. Component ids are kebab-case${guess === undefined ? '' : `; write [component.${guess}]`}.`,
      );
    }
    if (!isTable(table)) {
      context.problems.add(
        place,
        `A component must be a table, not ${describeValue(table)}; write [component.${id}] source = "app.wasm".`,
      );
      continue;
    }
    const component = parseComponent(table, { id, inline: false }, place, '', context);
    if (component !== undefined) components.push([id, component]);
  }
  return { components, ids };
}
