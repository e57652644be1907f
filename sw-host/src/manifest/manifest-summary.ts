/**
 * What an editor needs to know about a spin.toml as it is typed: the app's name, its variables,
 * its key-value stores, its routes, its components' sources and file mounts. Read leniently,
 * field by field, ignoring what does not fit: a manifest being typed is often broken, and
 * `parseManifest` (the host's deploy) is what says exactly how. Exported as `swerve/manifest`.
 */
import { parse } from 'smol-toml';

export interface ManifestVariable {
  name: string;
  required: boolean;
  default?: string;
  secret: boolean;
}

export interface ManifestSummary {
  name?: string;
  variables: ManifestVariable[];
  /** Every store label some component may open. */
  keyValueStores: string[];
  /** Every SQLite database label some component may open (`sqlite_databases`). */
  sqliteDatabases: string[];
  routes: { route: string; target: string }[];
  /** Component id → its local source path, for components built from a file. */
  sources: Record<string, string>;
  /** Every `allowed_outbound_hosts` entry of any component, as written (templates unexpanded). */
  outboundHosts: string[];
  /** Component id → its `files` entries as written: a glob, or a `{ source, destination }` mount. */
  files: Record<string, SummaryFileMount[]>;
}

export type SummaryFileMount = string | { source: string; destination?: string };

type Table = Record<string, unknown>;
const isTable = (value: unknown): value is Table =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The summary of `text`, or undefined when it is not TOML at all. */
export function summariseManifest(text: string): ManifestSummary | undefined {
  let toml: Table;
  try {
    toml = parse(text) as Table;
  } catch {
    return undefined;
  }
  const application = isTable(toml['application']) ? toml['application'] : {};
  const variables: ManifestVariable[] = Object.entries(isTable(toml['variables']) ? toml['variables'] : {})
    .filter((entry): entry is [string, Table] => isTable(entry[1]))
    .map(([name, v]) => ({
      name,
      required: v['required'] === true,
      ...(typeof v['default'] === 'string' ? { default: v['default'] } : {}),
      secret: v['secret'] === true,
    }));
  const components = isTable(toml['component']) ? toml['component'] : {};
  const stores = new Set<string>();
  const databases = new Set<string>();
  const hosts = new Set<string>();
  const sources: Record<string, string> = {};
  const files: Record<string, SummaryFileMount[]> = {};
  for (const [id, component] of Object.entries(components)) {
    if (!isTable(component)) continue;
    const labels = component['key_value_stores'];
    if (Array.isArray(labels)) labels.filter((l) => typeof l === 'string').forEach((l) => stores.add(l));
    const databaseLabels = component['sqlite_databases'];
    if (Array.isArray(databaseLabels))
      databaseLabels.filter((l) => typeof l === 'string').forEach((l) => databases.add(l));
    const outbound = component['allowed_outbound_hosts'];
    if (Array.isArray(outbound)) outbound.filter((h) => typeof h === 'string').forEach((h) => hosts.add(h));
    if (typeof component['source'] === 'string') sources[id] = component['source'];
    files[id] = (Array.isArray(component['files']) ? component['files'] : []).flatMap(
      (entry: unknown): SummaryFileMount[] => {
        if (typeof entry === 'string') return [entry];
        if (!isTable(entry) || typeof entry['source'] !== 'string') return [];
        const destination = entry['destination'];
        return [{ source: entry['source'], ...(typeof destination === 'string' ? { destination } : {}) }];
      },
    );
  }
  const trigger = isTable(toml['trigger']) ? toml['trigger'] : {};
  const http = Array.isArray(trigger['http']) ? trigger['http'] : [];
  const routes = http.filter(isTable).map((t) => ({
    route: typeof t['route'] === 'string' ? t['route'] : isTable(t['route']) ? 'private' : '?',
    target: typeof t['component'] === 'string' ? t['component'] : t['static_response'] ? 'static' : '?',
  }));
  return {
    ...(typeof application['name'] === 'string' ? { name: application['name'] } : {}),
    variables,
    keyValueStores: [...stores].sort(),
    sqliteDatabases: [...databases].sort(),
    routes,
    sources,
    outboundHosts: [...hosts].sort(),
    files,
  };
}

/** Variables that must be given a value and have none. */
export function missingVariables(summary: ManifestSummary, values: Record<string, string>): string[] {
  return summary.variables.filter((v) => v.required && !(values[v.name] ?? '').length).map((v) => v.name);
}
