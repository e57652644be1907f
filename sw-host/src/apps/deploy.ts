/**
 * Turns a deploy request (a manifest and the app's files) into an app definition: validates the
 * manifest, checks each component against the host before generating any code from it,
 * transpiles each component once per content hash, and stores the result.
 */
import { SwerveError } from '../errors.ts';
import { checkHostCompatibility } from '../component/host-compatibility.ts';
import type { TranspiledBytes } from '../component/transpile-component.ts';
import { parseManifest, type ComponentManifest } from '../manifest/index.ts';
import { resolveApplicationVariables } from '../variables/index.ts';
import type { DeployRequest, PreparedComponent } from '../protocol/deploy.ts';
import { COMPONENTS_PATH } from '../protocol/paths.ts';
import type { AppDefinition, ComponentArtifactsRef } from './app-definition.ts';
import type { AppStore } from './app-store.ts';

const APP_NAME = /^[a-z0-9][a-z0-9-]*$/;

export interface DeployDependencies {
  store: AppStore;
  transpile: (bytes: Uint8Array, label: string) => Promise<TranspiledBytes>;
  /** Told of each component transpiled by this deploy, so it can be compiled while it is stored. */
  transpiled?: (label: string, version: string, transpiled: TranspiledBytes) => void;
  fetch: typeof fetch;
}

async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

function normalisePath(path: string): string {
  return path.replace(/^\.\//, '').replace(/^\/+/, '');
}

/** The component's bytes: from the deployed files, or from its `{ url, digest }` source. */
async function componentBytes(
  component: ComponentManifest,
  label: string,
  files: DeployRequest['files'],
  fetchFn: typeof fetch,
): Promise<Uint8Array> {
  if (component.source.kind === 'local') {
    const bytes = files[normalisePath(component.source.path)];
    if (!bytes) {
      throw new SwerveError(
        'component-unavailable',
        `${label}: its source "${component.source.path}" is not among the deployed files. ` +
          'Build the component (spin build) and deploy its .wasm file with the manifest.',
      );
    }
    return bytes;
  }
  const { url, digest } = component.source;
  const response = await fetchFn(url).catch((error: unknown) => {
    throw new SwerveError('component-unavailable', `${label}: could not fetch ${url}: ${String(error)}`);
  });
  if (!response.ok) {
    throw new SwerveError('component-unavailable', `${label}: fetching ${url} answered ${response.status}.`);
  }
  const bytes = new Uint8Array(await response.arrayBuffer());
  const actual = `sha256:${await sha256Hex(bytes)}`;
  if (actual !== digest) {
    throw new SwerveError(
      'component-invalid',
      `${label}: ${url} does not match its digest (expected ${digest}, got ${actual}). Update the digest in spin.toml.`,
    );
  }
  return bytes;
}

/** Validates and transpiles what a page asked to deploy; does not start serving it. */
export async function buildDefinition(
  request: DeployRequest,
  deps: DeployDependencies,
): Promise<AppDefinition> {
  const manifestFile = request.manifestFile ?? 'spin.toml';
  const manifest = parseManifest(request.manifest, manifestFile);
  const name = request.name ?? manifest.application.name;
  if (!APP_NAME.test(name)) {
    throw new SwerveError(
      'deploy-invalid',
      `Cannot deploy an app named "${name}": use lower-case letters, digits and dashes (deploy it with a name: { name: "my-app" }).`,
    );
  }
  // Each app has an origin of its own (docs/decisions/0007), so it runs at the root by default.
  const mount = normaliseMount(request.mount ?? '/');
  const { requestTimeoutMs } = request;
  if (requestTimeoutMs !== undefined) checkRequestTimeout(requestTimeoutMs, name);
  if (request.version !== undefined && (typeof request.version !== 'string' || request.version.length > 200))
    throw new SwerveError(
      'deploy-invalid',
      `Cannot deploy "${name}" with that version: give it as text of at most 200 characters.`,
    );
  // Fail before the slow part when a variable has no value.
  resolveApplicationVariables(manifest.variables, request.variables ?? {}, name);

  const components: Record<string, ComponentArtifactsRef> = {};
  const sources = new Set<string>();
  for (const [id, component] of Object.entries(manifest.components)) {
    const label = `${name}/${id}`;
    if (component.source.kind === 'local') sources.add(normalisePath(component.source.path));
    const prepared = request.prepared?.[id];
    if (prepared) {
      components[id] = preparedArtifacts(prepared, label);
      continue;
    }
    const bytes = await componentBytes(component, label, request.files, deps.fetch);
    const { wasiP3 } = checkHostCompatibility(bytes, label);
    const version = await sha256Hex(bytes);
    if (!(await deps.store.artifacts(version))) {
      const transpiled = await deps.transpile(bytes, label);
      deps.transpiled?.(label, version, transpiled);
      await deps.store.saveArtifacts(version, transpiled);
    }
    components[id] = { kind: 'stored', version, ...(wasiP3 ? { wasiP3: true as const } : {}) };
  }
  // Component binaries are kept as artifacts; only the other files are the app's files.
  const files = Object.fromEntries(
    Object.entries(request.files)
      .map(([path, bytes]) => [normalisePath(path), bytes] as const)
      .filter(([path]) => !sources.has(path)),
  );
  return {
    name,
    mount,
    manifestText: request.manifest,
    manifestFile,
    variables: { ...(request.variables ?? {}) },
    keyValueStores: [...(request.keyValueStores ?? [])],
    components,
    files,
    ...(requestTimeoutMs === undefined ? {} : { requestTimeoutMs }),
    ...(request.environment === undefined ? {} : { environment: { ...request.environment } }),
    origin: 'deployed',
    deployedAt: Date.now(),
    ...(request.version === undefined ? {} : { version: request.version }),
  };
}

/** Paths of the host's own origin that only its server answers (never an app: the worker passes them by). */
function isServerPath(path: unknown): path is string {
  return (
    typeof path === 'string' &&
    path.startsWith(COMPONENTS_PATH) &&
    !path.includes('..') &&
    !path.includes('//') &&
    !/[?#\\]/.test(path)
  );
}

/** The artifacts a server prepared for a component (DeployRequest.prepared), checked. */
function preparedArtifacts(prepared: PreparedComponent, label: string): ComponentArtifactsRef {
  const { version, glue, coreModules } = prepared;
  const modules = typeof coreModules === 'object' && coreModules !== null ? Object.values(coreModules) : [];
  if (typeof version !== 'string' || !isServerPath(glue) || !modules.length || !modules.every(isServerPath)) {
    throw new SwerveError(
      'deploy-invalid',
      `${label}: its prepared artifacts must be paths under ${COMPONENTS_PATH} of this origin, which its server answers. ` +
        "Deploy the component's bytes instead.",
    );
  }
  return {
    kind: 'url',
    version,
    glue,
    coreModules: { ...coreModules },
    ...(prepared.wasiP3 === true ? { wasiP3: true as const } : {}),
  };
}

/** `/apps/x` → `/apps/x/`; `/` stays. A mount must not be inside Swerve's own prefix. */
export function normaliseMount(mount: string): string {
  const withSlashes = `/${mount.replace(/^\/+|\/+$/g, '')}/`.replace(/^\/\/$/, '/');
  if (withSlashes.startsWith('/_swerve/') || withSlashes.includes('/../') || withSlashes.includes('/./')) {
    throw new SwerveError(
      'deploy-invalid',
      `Cannot mount an app at "${mount}": that path is reserved or not normal. ` +
        'Choose a mount outside /_swerve/ without "." or ".." segments, such as "/" or "/shop".',
    );
  }
  return withSlashes;
}

/** The largest delay `setTimeout` keeps (2^31 - 1 ms, about 24.8 days). */
const MAX_TIMEOUT_MS = 0x7fffffff;

function checkRequestTimeout(ms: unknown, name: string): void {
  if (typeof ms !== 'number' || !Number.isInteger(ms) || ms < 1 || ms > MAX_TIMEOUT_MS) {
    throw new SwerveError(
      'deploy-invalid',
      `Cannot deploy "${name}" with requestTimeoutMs ${String(ms)}: give a whole number of milliseconds ` +
        `from 1 to ${MAX_TIMEOUT_MS} (10000, the default, is 10 s).`,
    );
  }
}
