/**
 * Reads a Spin app folder as `spin up` would at start: the manifest (validated by the host's own
 * parser, so its errors read the same), each component's Wasm file, and the files the components
 * mount. The result is the allowlist the server serves; anything else in the folder stays private.
 */
import { readFile, realpath, stat } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { SwerveError } from '../errors.ts';
import { parseManifest, type AppManifest, type ComponentManifest } from '../manifest/index.ts';
import { selectFiles, walkRoots, type SelectionProblem } from './file-selection.ts';
import { deployKey, isInside, resolveInside } from './safe-path.ts';
import { listFiles } from './walk-folder.ts';

/** An app folder, read and checked. */
export interface LoadedApp {
  /** The folder holding the manifest, absolute. */
  dir: string;
  /** The manifest's file name in `dir` (usually `spin.toml`). */
  manifestFile: string;
  manifestText: string;
  manifest: AppManifest;
  /** The name to deploy under: the application name, made a valid app name. */
  name: string;
  /** Folder-relative path → absolute path: every file the server may serve, the manifest included. */
  served: Map<string, string>;
  /** Deploy key (as the manifest names the file) → folder-relative path. */
  deployFiles: Map<string, string>;
}

/** Where the manifest is: `from` is an app folder or a manifest file, relative to `cwd`. */
export async function locateManifest(from: string, cwd: string): Promise<string> {
  const path = resolve(cwd, from);
  const info = await stat(path).catch(() => undefined);
  const manifestPath = info?.isDirectory() ? resolve(path, 'spin.toml') : path;
  if (!(await stat(manifestPath).catch(() => undefined))?.isFile()) {
    throw new SwerveError(
      'manifest-not-found',
      `There is no ${info?.isDirectory() ? 'spin.toml in ' : ''}${manifestPath}. Run swerve up in a Spin ` +
        'app folder, or give the folder or its manifest: swerve up path/to/app',
    );
  }
  return manifestPath;
}

/** `[application] name` as a deployable app name (lower-case letters, digits and dashes). */
export function deployName(applicationName: string): string {
  const name = applicationName
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return name === '' ? 'app' : name;
}

function buildHint(component: ComponentManifest, dir: string): string {
  const commands = component.build?.commands ?? [];
  if (commands.length === 0) return 'Build the app first (`spin build`, or however this component is built).';
  const where = component.build?.workdir ? resolve(dir, component.build.workdir) : dir;
  return `Build the app first: run \`spin build\` in ${dir} (for this component it runs \`${commands.join(' && ')}\` in ${where}).`;
}

function selectionMessage(problem: SelectionProblem): string {
  return problem.reason === 'outside'
    ? `Component "${problem.componentId}": the files entry ${problem.entry} reaches outside the app folder; swerve up serves only files inside it.`
    : `Component "${problem.componentId}": the files entry ${problem.entry} names nothing in the app folder. Check the path, relative to the manifest.`;
}

/**
 * Reads and checks the app whose manifest is at `manifestPath`. `displayPath` is how messages
 * name the manifest (relative to where the user is).
 *
 * @throws SwerveError listing every problem: the manifest's, then missing or unusable files.
 */
export async function loadApp(manifestPath: string, displayPath: string): Promise<LoadedApp> {
  const dir = dirname(manifestPath);
  const manifestFile = basename(manifestPath);
  const manifestText = await readFile(manifestPath, 'utf8');
  const manifest = parseManifest(manifestText, displayPath);
  const problems: string[] = [];
  const deployFiles = new Map<string, string>();
  const served = new Map<string, string>([[manifestFile, manifestPath]]);
  const components = Object.values(manifest.components);

  for (const component of components) {
    const { source } = component;
    if (source.kind === 'remote') {
      problems.push(
        `Component "${component.id}" has source { url = "${source.url}" }, which the service worker may not ` +
          `fetch (its CSP allows only its own origin). Download the file into the app folder and write its path as source.`,
      );
      continue;
    }
    const inside = resolveInside(dir, source.path);
    if (!inside) {
      problems.push(
        `Component "${component.id}" has source "${source.path}", outside the app folder ${dir}; swerve up serves only files inside it.`,
      );
      continue;
    }
    if (!(await stat(inside.absolute).catch(() => undefined))?.isFile()) {
      problems.push(
        `Component "${component.id}" has no Wasm file at ${source.path} (${inside.absolute}). ${buildHint(component, dir)}`,
      );
      continue;
    }
    deployFiles.set(deployKey(source.path), inside.relative);
    served.set(inside.relative, inside.absolute);
  }

  const paths = await listFiles(dir, walkRoots(components));
  const { selected, problems: selectionProblems } = selectFiles(components, paths);
  problems.push(...selectionProblems.map(selectionMessage));
  for (const path of selected) {
    deployFiles.set(path, path);
    served.set(path, resolve(dir, path));
  }

  // A symbolic link inside the folder may lead anywhere; serve only what stays inside.
  const realDir = await realpath(dir);
  for (const [path, absolute] of served) {
    const real = await realpath(absolute).catch(() => absolute);
    if (real !== absolute && !isInside(realDir, real)) {
      problems.push(
        `${path} is a link to ${real}, outside the app folder; swerve up serves only files inside it.`,
      );
    }
  }

  if (problems.length > 0) {
    const list = problems.map((problem) => `  - ${problem}`).join('\n');
    throw new SwerveError(
      'component-unavailable',
      `Cannot serve the app of ${displayPath}: ${problems.length === 1 ? 'one problem' : `${problems.length} problems`}.\n${list}`,
    );
  }
  return {
    dir,
    manifestFile,
    manifestText,
    manifest,
    name: deployName(manifest.application.name),
    served,
    deployFiles,
  };
}
