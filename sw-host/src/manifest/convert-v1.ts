/**
 * Spin 1 manifests (`spin_manifest_version = "1"`, or its older name `spin_version`), turned into
 * the version 2 table shape as Spin does on load (crates/manifest/src/compat.rs), so that the
 * version 2 reader validates them with its usual messages and the host sees one shape.
 *
 * Checked here is only what version 2 cannot see: the version 1 layout itself (unknown fields,
 * which Spin refuses; `trigger`; component ids; `allowed_http_hosts`). `translate` moves the
 * version 2 reader's problems back to the tables and lines the user wrote.
 */
import { convertAllowedHttpHost, convertAllowedHttpHosts } from './allowed-http-hosts.ts';
import { kebabIdProblem, suggestId } from './ids.ts';
import type { Place, Problems } from './problems.ts';
import { TableReader, describeValue, isTable, type TomlTable } from './toml-fields.ts';

const TOP_LEVEL = [
  'spin_manifest_version',
  'spin_version',
  'name',
  'version',
  'description',
  'authors',
  'trigger',
  'variables',
  'component',
];
const APPLICATION = ['name', 'version', 'description', 'authors'];
const COMPONENT = [
  'id',
  'source',
  'trigger',
  'description',
  'config',
  'environment',
  'files',
  'exclude_files',
  'allowed_http_hosts',
  'allowed_outbound_hosts',
  'key_value_stores',
  'sqlite_databases',
  'ai_models',
  'build',
];
/** Component fields version 2 spells and reads the same way: copied as written. */
const SAME_IN_V2 = [
  'source',
  'description',
  'environment',
  'files',
  'exclude_files',
  'key_value_stores',
  'sqlite_databases',
  'ai_models',
  'build',
];
/** Before `allowed_outbound_hosts` existed every component could reach databases; Spin keeps that. */
const OLD_DATABASE_ACCESS = ['redis://*:*', 'mysql://*:*', 'postgres://*:*'];
const TRIGGER_EXAMPLE = 'trigger = { type = "http", base = "/" }';
const ROUTE_EXAMPLE = '[component.trigger] route = "/..."';
const MANIFEST_REFERENCE = 'https://spinframework.dev/manifest-reference';

/** A version 1 manifest in version 2 shape, with what it takes to report on it. */
export interface ConvertedManifest {
  /** The version 2 tables. */
  readonly document: TomlTable;
  /** Where a version 2 place was written in the version 1 file. */
  translate(place: Place): Place;
  /** Component fields under their version 1 names, for messages. */
  readonly spelling: Readonly<Record<string, string>>;
  /** Says the file was converted, and how to upgrade it. */
  readonly warning: string;
}

/** A converted component: where it was written, and under which names. */
interface Written {
  readonly index: number;
  readonly label: string;
  /** Where its version 2 `allowed_outbound_hosts` came from. */
  readonly hostsField: 'allowed_outbound_hosts' | 'allowed_http_hosts';
}

/** Converts a version 1 manifest, recording the problems only version 1 has. */
export function convertV1(document: TomlTable, problems: Problems, fileName: string): ConvertedManifest {
  const root = new TableReader(document, { table: '', path: [] }, problems, TOP_LEVEL);
  if (root.has('spin_manifest_version') && root.has('spin_version')) {
    root.problem(
      'spin_version',
      '`spin_version` is the old name of `spin_manifest_version`, and both are written; keep only spin_manifest_version = "1".',
    );
  }
  const application = Object.fromEntries(
    APPLICATION.filter((key) => root.has(key)).map((key) => [key, root.value(key)]),
  );
  const http = readAppTrigger(root);
  const converted = convertComponents(root, http);
  root.finish();
  return {
    document: {
      spin_manifest_version: 2,
      application,
      ...(root.has('variables') ? { variables: root.value('variables') } : {}),
      trigger: { http: converted.triggers },
      component: Object.fromEntries(converted.components),
    },
    translate: translator(converted.written, converted.triggerOwners),
    spelling: { variables: 'config' },
    warning: `${fileName} is a version 1 manifest, which Swerve converted to version 2 as Spin does. Upgrade the file: \`spin doctor\` rewrites it as version 2 (keeping a backup), or see ${MANIFEST_REFERENCE}.`,
  };
}

/**
 * Where the version 2 reader's places were written: `[application]` fields at the top level,
 * `[component.<id>]` in its `[[component]]` (with `variables` as `config`), and its
 * `[[trigger.http]]` in that component's `[component.trigger]`.
 */
function translator(
  written: ReadonlyMap<string, Written>,
  triggerOwners: readonly Written[],
): (place: Place) => Place {
  return (place) => {
    const [head, second, third, ...rest] = place.path;
    if (head === 'application') return { table: '', path: place.path.slice(1) };
    const owner =
      head === 'component' && typeof second === 'string'
        ? written.get(second)
        : head === 'trigger' && second === 'http' && typeof third === 'number'
          ? triggerOwners[third]
          : undefined;
    if (owner === undefined) return place;
    if (head === 'trigger') {
      return {
        table: `[component.trigger] of ${owner.label}`,
        path: ['component', owner.index, 'trigger', ...rest],
      };
    }
    const renamed =
      third === 'variables' ? 'config' : third === 'allowed_outbound_hosts' ? owner.hostsField : third;
    const tail = renamed === undefined ? [] : [renamed, ...rest];
    return { table: `[[component]] ${owner.label}`, path: ['component', owner.index, ...tail] };
  };
}

/**
 * `trigger = { type = "http", base = "/" }`; true when it is an HTTP trigger. `base` is not
 * carried over: Spin 2 put it in front of every route, but Spin 3 and later refuse any `base`
 * but "/" (crates/trigger-http/src/lib.rs, `validate_app`), converted manifests included.
 */
function readAppTrigger(root: TableReader): boolean {
  if (!root.has('trigger')) {
    root.problems.add(root.place, `\`trigger\` is missing; add the app's trigger, as in ${TRIGGER_EXAMPLE}.`);
    return false;
  }
  const table = root.table('trigger', TRIGGER_EXAMPLE);
  if (table === undefined) return false;
  const trigger = new TableReader(table, root.at('trigger'), root.problems, ['type', 'base'], 'trigger.');
  const type = trigger.requiredString('type', TRIGGER_EXAMPLE);
  if (type !== undefined && type !== 'http') {
    // Other trigger types have settings of their own, which are not Swerve's to check.
    trigger.problem(
      'type',
      `The app's trigger type is ${JSON.stringify(type)}, but Swerve runs HTTP apps only (trigger = { type = "http" }), so it cannot run this one.`,
    );
    return false;
  }
  const base = trigger.string('base', TRIGGER_EXAMPLE);
  if (base !== undefined && base !== '/') {
    const firstRoute = firstComponentRoute(root.value('component'));
    trigger.problem(
      'base',
      `Spin 3 and later refuse a \`base\` other than "/" (Spin 2 put it in front of every route); write base = "/" and put ${JSON.stringify(base)} in front of each [component.trigger] route instead, as in route = ${JSON.stringify(withBase(base, firstRoute ?? '/...'))}.`,
    );
  }
  trigger.finish();
  return type === 'http';
}

/** The converted components and their triggers, and where each was written. */
interface ConvertedComponents {
  readonly components: [string, TomlTable][];
  readonly triggers: TomlTable[];
  readonly written: ReadonlyMap<string, Written>;
  /** The component each trigger came from, by trigger index. */
  readonly triggerOwners: readonly Written[];
}

/** Each `[[component]]` as a `[component.<id>]` table and, for HTTP, a `[[trigger.http]]`. */
function convertComponents(root: TableReader, http: boolean): ConvertedComponents {
  const components: [string, TomlTable][] = [];
  const triggers: TomlTable[] = [];
  const written = new Map<string, Written>();
  const triggerOwners: Written[] = [];
  const list = root.value('component');
  if (list === undefined || (Array.isArray(list) && list.length === 0)) {
    root.problems.add(
      root.place,
      `There is no [[component]]; add one for each route, as in [[component]] id = "api" source = "api.wasm" ${ROUTE_EXAMPLE}.`,
    );
  } else if (!Array.isArray(list)) {
    root.problem('component', 'Components are an array of tables: write [[component]], with two brackets.');
  }
  for (const [index, item] of (Array.isArray(list) ? list : []).entries()) {
    const place: Place = { table: `[[component]] #${index + 1}`, path: ['component', index] };
    if (!isTable(item)) {
      root.problems.add(place, `Each [[component]] must be a table, not ${describeValue(item)}.`);
      continue;
    }
    const writtenId = typeof item['id'] === 'string' ? item['id'] : undefined;
    const label = writtenId === undefined ? place.table : JSON.stringify(writtenId);
    const fields = new TableReader(
      item,
      { table: writtenId === undefined ? place.table : `[[component]] ${label}`, path: place.path },
      root.problems,
      COMPONENT,
    );
    const id = componentId(fields, written);
    const triggerTable = readComponentTrigger(fields, http);
    const table = convertComponent(fields);
    fields.finish();
    if (id === undefined) continue;
    const hostsField = fields.has('allowed_outbound_hosts') ? 'allowed_outbound_hosts' : 'allowed_http_hosts';
    const owner: Written = { index, label, hostsField };
    written.set(id, owner);
    components.push([id, table]);
    if (triggerTable === undefined) continue;
    // Spin names the trigger after its component, and moves the component's trigger settings into it.
    triggers.push({ id: `trigger-${id}`, component: id, ...triggerTable });
    triggerOwners.push(owner);
  }
  return { components, triggers, written, triggerOwners };
}

/**
 * The component's id as Spin converts it: kept if valid, else with `_` made `-` and letters
 * lower-cased (`my_API` → `my-api`); `undefined` (a problem recorded) if still not valid.
 */
function componentId(fields: TableReader, taken: ReadonlyMap<string, Written>): string | undefined {
  const id = fields.requiredString('id', 'id = "my-component"');
  if (id === undefined) return undefined;
  const converted = kebabIdProblem(id) === undefined ? id : id.replaceAll('_', '-').toLowerCase();
  const problem = kebabIdProblem(converted);
  if (problem !== undefined) {
    const guess = suggestId(id, 'kebab');
    fields.problem(
      'id',
      `${JSON.stringify(id)} is not a valid component id, even with "_" made "-" and capitals made small as Spin does for version 1 manifests: ${problem}. Component ids are kebab-case${guess === undefined ? '' : `; write id = ${JSON.stringify(guess)}`}.`,
    );
    return undefined;
  }
  const earlier = taken.get(converted);
  if (earlier !== undefined) {
    const as = converted === id ? '' : ` (read as ${JSON.stringify(converted)})`;
    fields.problem(
      'id',
      `The id ${JSON.stringify(id)}${as} is already the id of [[component]] ${earlier.label}; give each component its own id.`,
    );
    return undefined;
  }
  return converted;
}

/** `[component.trigger]`: for HTTP, `route` and an optional `executor`, which the version 2 reader checks. */
function readComponentTrigger(fields: TableReader, http: boolean): TomlTable | undefined {
  if (!fields.has('trigger')) {
    fields.problems.add(
      fields.place,
      `[component.trigger] is missing; add the route this component answers, as in ${ROUTE_EXAMPLE}.`,
    );
    return undefined;
  }
  const table = fields.table('trigger', ROUTE_EXAMPLE);
  if (table === undefined || !http) return undefined;
  const trigger = new TableReader(
    table,
    fields.at('trigger'),
    fields.problems,
    ['route', 'executor'],
    'trigger.',
  );
  trigger.finish();
  return Object.fromEntries(
    ['route', 'executor'].filter((key) => trigger.has(key)).map((key) => [key, table[key]]),
  );
}

/** The version 2 component table: same fields, `config` as `variables`, HTTP hosts converted. */
function convertComponent(fields: TableReader): TomlTable {
  const table: Record<string, unknown> = {};
  for (const key of SAME_IN_V2) if (fields.has(key)) table[key] = fields.value(key);
  if (fields.has('config')) {
    // Only strings reach version 2, whose messages would call a bad entry `variables.<name>`.
    table['variables'] = Object.fromEntries(
      fields.stringTable('config', 'config = { api_url = "https://{{ api_host }}/v1" }'),
    );
  }
  const explicit = fields.value('allowed_outbound_hosts');
  const converted = convertHttpHosts(fields);
  // A list that is not an array goes through as written, for version 2 to report.
  table['allowed_outbound_hosts'] =
    explicit === undefined
      ? [...OLD_DATABASE_ACCESS, ...converted]
      : Array.isArray(explicit)
        ? [...(explicit as unknown[]), ...converted]
        : explicit;
  return table;
}

/** `allowed_http_hosts` as `allowed_outbound_hosts` entries; each bad entry is a problem. */
function convertHttpHosts(fields: TableReader): string[] {
  const hosts = fields.stringArray('allowed_http_hosts', 'allowed_http_hosts = ["api.example.com"]');
  const all = convertAllowedHttpHosts(hosts);
  if (all.ok) return all.hosts;
  const raw = fields.value('allowed_http_hosts') as unknown[];
  for (const [i, host] of raw.entries()) {
    if (typeof host !== 'string') continue;
    const one = convertAllowedHttpHost(host);
    if (one.ok) continue;
    fields.problems.add(
      fields.at('allowed_http_hosts', i),
      `${one.reason}: \`allowed_http_hosts\` takes a host ("api.example.com"), a host and port ("localhost:3000") or an http(s) URL of one ("https://api.example.com:8443"). For anything else, write allowed_outbound_hosts = ["scheme://host:port"] instead.`,
    );
  }
  return [];
}

/** The first component's route, to show what a route with the base in front looks like. */
function firstComponentRoute(components: unknown): string | undefined {
  if (!Array.isArray(components)) return undefined;
  const [first] = components as unknown[];
  const trigger = isTable(first) ? first['trigger'] : undefined;
  const route = isTable(trigger) ? trigger['route'] : undefined;
  return typeof route === 'string' ? route : undefined;
}

/** `/shop` + `/api/...` → `/shop/api/...`, joined as Spin 2 joined them. */
function withBase(base: string, route: string): string {
  const trimmed = base.replace(/\/+$/, '');
  const prefix = trimmed === '' || trimmed.startsWith('/') ? trimmed : `/${trimmed}`;
  return `${prefix}${route.startsWith('/') ? route : `/${route}`}`;
}
