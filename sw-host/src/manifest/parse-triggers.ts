/**
 * `[[trigger.http]]`: routes, and what answers them. Also gives triggers and inline components
 * the ids Spin gives them (crates/manifest/src/normalize.rs), because those ids show up in logs,
 * in duplicate-route warnings and in service-chaining host names.
 */
import { routeProblem } from '../routing/router.ts';
import { kebabIdProblem, suggestId } from './ids.ts';
import { parseComponent, type ComponentContext } from './parse-component.ts';
import { parseStaticResponse } from './parse-static-response.ts';
import type { Place } from './problems.ts';
import { closest } from './suggest.ts';
import { TableReader, describeValue, isTable, type TomlTable } from './toml-fields.ts';
import type { ComponentManifest, HttpRoute, HttpTrigger, StaticResponse, TriggerHandler } from './types.ts';

const FIELDS = ['id', 'route', 'component', 'static_response', 'executor', 'components', 'dependencies'];

/** What the trigger tables add to the app. */
export interface ParsedTriggers {
  readonly triggers: HttpTrigger[];
  /** Components written inline, under their generated ids, in trigger order. */
  readonly inlineComponents: ComponentManifest[];
}

interface Draft {
  readonly index: number;
  readonly place: Place;
  readonly fields: TableReader;
  readonly explicitId: string | undefined;
  readonly route: HttpRoute | undefined;
  readonly reference: string | undefined;
  readonly inline: TomlTable | undefined;
  readonly response: StaticResponse | undefined;
}

/**
 * Reads the `trigger` table.
 *
 * @param componentIds the ids of every `[component.<id>]` table, valid or not.
 */
export function parseTriggers(
  value: unknown,
  componentIds: ReadonlySet<string>,
  context: ComponentContext,
): ParsedTriggers {
  const { problems, warnings } = context;
  const top: Place = { table: '', path: [] };
  const noTrigger =
    'There is no [[trigger.http]] table; add one for each route, as in [[trigger.http]] route = "/..." component = "my-component".';
  if (value === undefined) {
    problems.add(top, noTrigger);
    return { triggers: [], inlineComponents: [] };
  }
  if (!isTable(value)) {
    problems.add(
      top,
      `\`trigger\` must be a table of trigger types, not ${describeValue(value)}; write [[trigger.http]] tables.`,
    );
    return { triggers: [], inlineComponents: [] };
  }
  for (const type of Object.keys(value).filter((t) => t !== 'http')) {
    warnings.push(`[[trigger.${type}]] is ignored: Swerve runs HTTP triggers only.`);
  }
  const list = value['http'];
  if (list === undefined) {
    problems.add(top, noTrigger);
    return { triggers: [], inlineComponents: [] };
  }
  if (!Array.isArray(list)) {
    problems.add(
      { table: '[trigger.http]', path: ['trigger', 'http'] },
      'HTTP triggers are an array of tables: write [[trigger.http]], with two brackets.',
    );
    return { triggers: [], inlineComponents: [] };
  }

  const drafts = list.flatMap((item: unknown, i) => {
    const place: Place = { table: `[[trigger.http]] #${i + 1}`, path: ['trigger', 'http', i] };
    if (isTable(item)) return [readTrigger(item, i + 1, place, componentIds, context)];
    problems.add(place, `Each [[trigger.http]] must be a table, not ${describeValue(item)}.`);
    return [];
  });

  const ids = assignTriggerIds(drafts);
  const known = new Set(componentIds);
  const inlineComponents: ComponentManifest[] = [];
  const triggers: HttpTrigger[] = [];
  for (const [i, draft] of drafts.entries()) {
    const id = ids[i] ?? '';
    let handler: TriggerHandler | undefined;
    if (draft.inline !== undefined) {
      const componentId = inlineComponentId(id, known);
      known.add(componentId);
      const component = parseComponent(
        draft.inline,
        { id: componentId, inline: true },
        draft.fields.at('component'),
        'component.',
        context,
      );
      if (component !== undefined) inlineComponents.push(component);
      handler = { kind: 'component', componentId };
    } else if (draft.reference !== undefined) {
      handler = { kind: 'component', componentId: draft.reference };
    } else if (draft.response !== undefined) {
      handler = { kind: 'static-response', response: draft.response };
    }
    if (draft.route !== undefined && handler !== undefined) {
      triggers.push({ index: draft.index, id, route: draft.route, handler });
    }
  }
  return { triggers, inlineComponents };
}

function readTrigger(
  table: TomlTable,
  index: number,
  place: Place,
  componentIds: ReadonlySet<string>,
  context: ComponentContext,
): Draft {
  const { problems, warnings } = context;
  const fields = new TableReader(table, place, problems, FIELDS);
  const explicitId = fields.string('id', 'id = "api-route"');
  const named = fields.value('component');
  const route = readRoute(fields, typeof named === 'string' ? named : undefined);
  const hasComponent = fields.has('component');
  const staticTable = fields.table('static_response', 'static_response = { status_code = 200, body = "OK" }');
  if (hasComponent && fields.has('static_response')) {
    problems.add(
      place,
      'It has both `component` and `static_response`, but a trigger takes exactly one: keep `component` to run a component, or `static_response` to answer with fixed content.',
    );
  } else if (!hasComponent && !fields.has('static_response')) {
    problems.add(
      place,
      'It has neither `component` nor `static_response`; add the component that handles the route, as in component = "my-component", or a static_response = { body = "..." }.',
    );
  }
  const component = fields.value('component');
  let reference: string | undefined;
  let inline: TomlTable | undefined;
  if (typeof component === 'string') {
    reference = checkReference(component, fields, componentIds);
  } else if (isTable(component)) {
    inline = component;
  } else if (component !== undefined) {
    fields.problem(
      'component',
      `\`component\` must be a component id or an inline component table, not ${describeValue(component)}; write component = "my-component".`,
    );
  }
  const response =
    staticTable === undefined ? undefined : parseStaticResponse(staticTable, fields, problems, warnings);
  readExecutor(fields);
  for (const key of ['components', 'dependencies']) {
    const extra = fields.table(key, `${key} = { ... }`);
    if (extra !== undefined && Object.keys(extra).length > 0) {
      fields.problem(
        key,
        `Swerve does not compose trigger \`${key}\` (such as HTTP middleware) yet; compose them into the component ahead of time and remove \`${key}\`.`,
      );
    }
  }
  fields.finish();
  return { index, place, fields, explicitId, route, reference, inline, response };
}

/** `componentId`: the component the trigger names, for messages (Spin's name it too). */
function readRoute(fields: TableReader, componentId?: string): HttpRoute | undefined {
  const example = 'route = "/api/..."';
  const value = fields.value('route');
  if (value === undefined) {
    fields.problems.add(
      fields.place,
      `\`route\` is missing; add the path it answers, as in ${example}, or route = { private = true } for a component reached only by service chaining.`,
    );
    return undefined;
  }
  if (typeof value === 'string') {
    const problem = routeProblem(value);
    if (problem === undefined) return { kind: 'pattern', pattern: value };
    fields.problem(
      'route',
      `The route ${JSON.stringify(value)} is not valid: ${problem}. Routes look like "/cart", "/users/:id" or "/static/...".`,
    );
    return undefined;
  }
  if (isTable(value)) {
    const route = new TableReader(value, fields.at('route'), fields.problems, ['private'], 'route.');
    const isPrivate = route.boolean('private', 'route = { private = true }');
    route.finish();
    if (isPrivate === true) return { kind: 'private' };
    if (isPrivate === false || !route.has('private')) {
      const of = componentId === undefined ? '' : ` of component "${componentId}"`;
      fields.problem(
        'route',
        `The route table${of} must be { private = true }; for a public route write a path, as in route = "/api/...".`,
      );
    }
    return undefined;
  }
  fields.problem(
    'route',
    `\`route\` must be a path or { private = true }, not ${describeValue(value)}; write it as in ${example}.`,
  );
  return undefined;
}

function checkReference(
  id: string,
  fields: TableReader,
  componentIds: ReadonlySet<string>,
): string | undefined {
  if (componentIds.has(id)) return id;
  const idProblem = kebabIdProblem(id);
  if (idProblem !== undefined) {
    const guess = suggestId(id, 'kebab');
    fields.problem(
      'component',
      `${JSON.stringify(id)} is not a valid component id: ${idProblem}${guess === undefined ? '.' : `; did you mean ${JSON.stringify(guess)}?`}`,
    );
    return undefined;
  }
  const guess = closest(id, componentIds);
  const known = [...componentIds].map((c) => JSON.stringify(c)).join(', ');
  const fix =
    guess !== undefined
      ? `Did you mean ${JSON.stringify(guess)}?`
      : componentIds.size > 0
        ? `The components are ${known}.`
        : 'There are no [component.<id>] tables.';
  fields.problem(
    'component',
    `\`component = ${JSON.stringify(id)}\` names no component. ${fix} Add a [component.${id}] table, or correct the id.`,
  );
  return undefined;
}

function readExecutor(fields: TableReader): void {
  const executor = fields.table('executor', 'executor = { type = "http" }');
  if (executor === undefined) return;
  const type = executor['type'];
  if (type === 'http' || type === 'spin') {
    const reader = new TableReader(executor, fields.at('executor'), fields.problems, ['type'], 'executor.');
    reader.finish();
  } else if (type === 'wagi') {
    fields.problem(
      'executor',
      'Swerve does not run Wagi components; build the component for wasi:http (the default executor) and remove `executor`.',
    );
  } else {
    fields.problem(
      'executor',
      `\`executor.type\` must be "http" (or its alias "spin"), not ${JSON.stringify(type ?? null)}; or remove \`executor\` to use the default.`,
    );
  }
}

/**
 * Spin's trigger ids: an explicit `id`, else `<component>-http-trigger` for a trigger that names
 * its component (when free), else the first free `http-trigger<n>`.
 */
function assignTriggerIds(drafts: readonly Draft[]): string[] {
  const taken = new Set(drafts.flatMap((d) => (d.explicitId === undefined ? [] : [d.explicitId])));
  const seen = new Set<string>();
  for (const draft of drafts) {
    if (draft.explicitId === undefined) continue;
    if (seen.has(draft.explicitId)) {
      draft.fields.problem(
        'id',
        `The trigger id ${JSON.stringify(draft.explicitId)} is used by an earlier trigger too; give each trigger its own id.`,
      );
    }
    seen.add(draft.explicitId);
  }
  let counter = 1;
  return drafts.map((draft) => {
    if (draft.explicitId !== undefined) return draft.explicitId;
    const natural = draft.reference === undefined ? undefined : `${draft.reference}-http-trigger`;
    if (natural !== undefined && !taken.has(natural)) {
      taken.add(natural);
      return natural;
    }
    while (taken.has(`http-trigger${counter}`)) counter += 1;
    const id = `http-trigger${counter}`;
    taken.add(id);
    return id;
  });
}

/** Spin's inline component ids: `<trigger id>-component`, else the first free `inline-component<n>`. */
function inlineComponentId(triggerId: string, known: ReadonlySet<string>): string {
  const natural = `${triggerId}-component`;
  if (kebabIdProblem(natural) === undefined && !known.has(natural)) return natural;
  let counter = 1;
  while (known.has(`inline-component${counter}`)) counter += 1;
  return `inline-component${counter}`;
}
