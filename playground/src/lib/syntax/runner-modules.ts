/**
 * What the runner evaluates of a project, prepared before a deploy or an export: its JavaScript
 * modules checked, and its TypeScript modules stripped into the JavaScript beside them
 * (`src/util.ts` → `src/util.js`, docs/decisions/0020), which is what the runner loads, here and
 * under `spin up`. TypeScript's parser (megabytes) is loaded only for projects that have some.
 */
import type { Diagnostic } from '../manifest/deploy-diagnostics.ts';
import { manifestOf, type DraftFile, type Project } from '../project/project.ts';
import { describeDiagnostic, projectSyntaxErrors } from './javascript-syntax.ts';
import { isMounted, runnerMounts } from './runner-files.ts';

const TYPESCRIPT = /\.m?ts$/i;

/** `src/util.ts` → `src/util.js`, `a.mts` → `a.mjs`: where the runner finds a module's JavaScript. */
export function strippedOutputPath(path: string): string {
  return path.replace(/\.(m?)ts$/i, (_, m: string) => `.${m}js`);
}

/**
 * A stripped output's text: the JavaScript, then a last line naming its source, which the runner
 * reads to name the `.ts` file in errors (a line after the last, so no position moves) and which
 * tells a reader of the exported zip which file to edit.
 */
export function strippedOutputText(sourcePath: string, javascript: string): string {
  const name = sourcePath.split('/').pop()!;
  const end = javascript.endsWith('\n') ? '' : '\n';
  return `${javascript}${end}// swerve: types stripped from ${name}; edit ${name}, not this file (same lines and columns)\n`;
}

export interface RunnerModules {
  /** Problems that would break every request: nothing is deployed while there are any. */
  diagnostics: Diagnostic[];
  /** The JavaScript of each TypeScript module, at its stripped output's path. */
  outputs: { path: string; text: string }[];
}

const loadStripper = () => import('../typescript/strip-types.ts').then((module) => module.stripTypes);

export async function prepareRunnerModules(project: Pick<Project, 'files'>): Promise<RunnerModules> {
  const diagnostics = projectSyntaxErrors(project);
  const mounts = runnerMounts(manifestOf(project));
  const typescript = project.files.filter(
    (file): file is Extract<typeof file, { kind: 'text' }> =>
      file.kind === 'text' &&
      TYPESCRIPT.test(file.path) &&
      !file.path.endsWith('.d.ts') &&
      isMounted(file.path, mounts),
  );
  const outputs: RunnerModules['outputs'] = [];
  if (!typescript.length) return { diagnostics, outputs };
  const stripTypes = await loadStripper();
  const paths = new Set(project.files.map((file) => file.path));
  for (const file of typescript) {
    const output = strippedOutputPath(file.path);
    if (paths.has(output)) {
      diagnostics.push({
        file: file.path,
        line: 1,
        message: `${output} is a file too, and the runner runs ${file.path} as ${output}, its types stripped: rename or delete one of them.`,
      });
      continue;
    }
    const result = stripTypes(file.path, file.text);
    if (result.error) diagnostics.push(result.error);
    else outputs.push({ path: output, text: strippedOutputText(file.path, result.javascript) });
  }
  return { diagnostics, outputs };
}

/**
 * The JavaScript of `project`'s TypeScript modules, for what leaves the playground (an export, a
 * shared app): a TypeScript file that cannot be stripped throws its error, as the app would not run.
 */
export async function strippedOutputs(project: Pick<Project, 'files'>): Promise<RunnerModules['outputs']> {
  const { diagnostics, outputs } = await prepareRunnerModules(project);
  const typescriptErrors = diagnostics.filter((d) => TYPESCRIPT.test(d.file));
  if (typescriptErrors.length) {
    throw new Error(
      `${typescriptErrors.map((d) => describeDiagnostic(d).replace(/\.$/, '')).join('; ')}. The runner runs each TypeScript file as its JavaScript, so fix this first.`,
    );
  }
  return outputs;
}

/** A shared app's files (text, or anything else) as much of a project as stripping needs. */
export function asProjectFiles(files: Record<string, unknown>): Pick<Project, 'files'> {
  return {
    files: Object.entries(files).map(([path, file]) =>
      typeof file === 'string'
        ? { path, kind: 'text', text: file }
        : { path, kind: 'binary', hash: '', size: 0 },
    ),
  };
}

/**
 * A Spin app's files without the JavaScript an export wrote beside its TypeScript: a `.js` that
 * is exactly its `.ts` sibling stripped is left out, so importing an exported zip gives back the
 * sources. A `.js` edited since (or written by hand) is kept.
 */
export async function withoutStrippedOutputs(files: DraftFile[]): Promise<DraftFile[]> {
  const texts = new Map(files.flatMap((file) => ('text' in file ? [[file.path, file.text] as const] : [])));
  const pairs = [...texts.keys()].filter(
    (path) => TYPESCRIPT.test(path) && texts.has(strippedOutputPath(path)),
  );
  if (!pairs.length) return files;
  const stripTypes = await loadStripper();
  const generated = new Set(
    pairs.flatMap((path) => {
      const result = stripTypes(path, texts.get(path)!);
      const output = strippedOutputPath(path);
      return !result.error && strippedOutputText(path, result.javascript) === texts.get(output)
        ? [output]
        : [];
    }),
  );
  return files.filter((file) => !generated.has(file.path));
}
