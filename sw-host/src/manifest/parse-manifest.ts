/**
 * Reads a `spin.toml` (manifest version 2) into an {@link AppManifest}, or throws one error that
 * lists every problem found, each with its file, line, table, and what to write instead.
 *
 * Spin's manifest reference: https://spinframework.dev/manifest-reference
 */
import { parse, TomlError } from 'smol-toml';
import { SwerveError } from '../errors.ts';
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
const MANIFEST_REFERENCE = 'https://spinframework.dev/manifest-reference';

/**
 * Parses and validates a Spin manifest.
 *
 * @param fileName how messages name the file, e.g. `spin.toml` or `apps/shop/spin.toml`.
 * @throws SwerveError (`manifest-invalid`) listing every problem found.
 */
export function parseManifest(text: string, fileName: string): AppManifest {
  const document = parseToml(text, fileName);
  const locator = locateToml(text);
  const problems = new Problems();
  const warnings: string[] = [];
  const top: Place = { table: '', path: [] };

  checkVersion(document, fileName, locator);
  const root = new TableReader(document, top, problems, TOP_LEVEL);
  const application = parseApplication(root.value('application'), problems, warnings);
  const variables = parseVariables(root.value('variables'), problems);
  const context: ComponentContext = { problems, warnings, variables };
  const { components, ids } = parseComponents(root.value('component'), context);
  const { triggers, inlineComponents } = parseTriggers(root.value('trigger'), ids, context);
  root.finish();

  const error = problems.toError(fileName, locator);
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
 * Only version 2 is read: reporting every field of a version 1 manifest as unknown would bury
 * the one thing to fix, so a wrong version is the only problem reported.
 */
function checkVersion(document: TomlTable, fileName: string, locator: ReturnType<typeof locateToml>): void {
  const version = document['spin_manifest_version'] ?? document['spin_version'];
  if (version === 2) return;
  const problems = new Problems();
  const top: Place = { table: '', path: ['spin_manifest_version'] };
  if (version === '1' || document['spin_version'] !== undefined) {
    problems.add(
      {
        table: '',
        path: [document['spin_version'] === undefined ? 'spin_manifest_version' : 'spin_version'],
      },
      `This is a version 1 manifest, which Swerve does not read; convert it to version 2 (\`spin doctor\` can do it, or see ${MANIFEST_REFERENCE}).`,
    );
  } else if (version === undefined) {
    problems.add(
      top,
      'The first line must say which manifest version this is: write spin_manifest_version = 2.',
    );
  } else {
    problems.add(
      top,
      `\`spin_manifest_version\` must be 2, not ${typeof version === 'object' ? describeValue(version) : JSON.stringify(version)}; write spin_manifest_version = 2.`,
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
