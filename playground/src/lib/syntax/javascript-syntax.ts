/**
 * Syntax errors in the JavaScript the runner evaluates, found in the page before a deploy (so a
 * file that does not parse is never deployed, and the last good version keeps serving). Parsed
 * by acorn as ES modules of the newest edition: the runner's engine (StarlingMonkey) runs modern
 * JavaScript, and its loader treats every file as a module (docs/decisions/0017).
 */
import { parse } from 'acorn';
import type { Diagnostic } from '../manifest/deploy-diagnostics.ts';
import type { Project } from '../project/project.ts';
import { manifestOf } from '../project/project.ts';
import { isRunnerModule, runnerMounts } from './runner-files.ts';

/** The syntax error in `source` (the text of `file`), or undefined when it parses. */
export function javascriptSyntaxError(file: string, source: string): Diagnostic | undefined {
  try {
    parse(source, { ecmaVersion: 'latest', sourceType: 'module', locations: true });
    return undefined;
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    const { line, column } = (error as SyntaxError & { loc?: { line: number; column: number } }).loc ?? {};
    // acorn ends its messages with ` (line:column)`; the diagnostic says where on its own.
    const message = error.message.replace(/ \(\d+:\d+\)$/, '');
    return {
      file,
      ...(line === undefined ? {} : { line }),
      ...(column === undefined ? {} : { column: column + 1 }),
      message: `SyntaxError: ${message}`,
    };
  }
}

/** Every syntax error in the modules `project`'s runner components evaluate, one per file. */
export function projectSyntaxErrors(project: Pick<Project, 'files'>): Diagnostic[] {
  const mounts = runnerMounts(manifestOf(project));
  if (!mounts.length) return [];
  const found: Diagnostic[] = [];
  for (const file of project.files) {
    if (file.kind !== 'text' || !isRunnerModule(file.path, mounts)) continue;
    const problem = javascriptSyntaxError(file.path, file.text);
    if (problem) found.push(problem);
  }
  return found;
}

/** `src/index.js:3:11: SyntaxError: Unexpected token`, as the runner names its own errors. */
export function describeDiagnostic(d: Diagnostic): string {
  const at = [d.file, d.line, d.column].filter((part) => part !== undefined).join(':');
  return `${at}: ${d.message}`;
}
