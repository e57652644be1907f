/**
 * TypeScript's types stripped in the page with ts-blank-space (docs/decisions/0020): every type
 * annotation, interface, `import type` and the like becomes spaces, so the JavaScript keeps each
 * line and column of the source, and the runner's errors and stack frames point into the `.ts`
 * file as the user wrote it. It parses with TypeScript's own parser, whose syntax errors are the
 * ones an editor would show.
 */
import { blankSourceFile } from 'ts-blank-space';
import ts from 'typescript';
import type { Diagnostic } from '../manifest/deploy-diagnostics.ts';
import { javascriptSyntaxError } from '../syntax/javascript-syntax.ts';

export type StripResult = { javascript: string; error?: undefined } | { error: Diagnostic };

/** Non-erasable syntax makes code of its own, which stripping cannot write: what to do instead. */
function unsupported(node: ts.Node): string {
  switch (node.kind) {
    case ts.SyntaxKind.EnumDeclaration:
      return "an enum is code, not only a type, and only types are stripped: use an object with 'as const' and a union type";
    case ts.SyntaxKind.ModuleDeclaration:
      return 'a namespace with values is code, not only a type, and only types are stripped: use a module (a file of its own)';
    case ts.SyntaxKind.Parameter:
      return 'a parameter property (constructor(private x)) is code, not only a type, and only types are stripped: assign this.x in the constructor';
    case ts.SyntaxKind.ImportEqualsDeclaration:
    case ts.SyntaxKind.ExportAssignment:
      return "'import x = require()' and 'export =' are CommonJS: use import and export";
    default:
      return `${ts.SyntaxKind[node.kind]} is TypeScript that makes code of its own, and only types are stripped: write it as JavaScript`;
  }
}

/** `source` (the text of `file`, a `.ts` or `.mts` module) as JavaScript, or its first error. */
export function stripTypes(file: string, source: string): StripResult {
  const parsed = ts.createSourceFile(
    file,
    source,
    {
      languageVersion: ts.ScriptTarget.ESNext,
      impliedNodeFormat: ts.ModuleKind.ESNext,
      jsDocParsingMode: ts.JSDocParsingMode.ParseNone,
    },
    false,
    ts.ScriptKind.TS,
  );
  const at = (position: number, message: string): { error: Diagnostic } => {
    const { line, character } = parsed.getLineAndCharacterOfPosition(position);
    return { error: { file, line: line + 1, column: character + 1, message } };
  };
  // TypeScript's parser keeps its syntax errors on the file it returns (`parseDiagnostics` is
  // not in its public typings, but it is what every TypeScript tool reports first).
  const syntax = (parsed as ts.SourceFile & { parseDiagnostics?: ts.DiagnosticWithLocation[] })
    .parseDiagnostics?.[0];
  if (syntax) {
    return at(syntax.start, `SyntaxError: ${ts.flattenDiagnosticMessageText(syntax.messageText, ' ')}`);
  }
  let problem: { error: Diagnostic } | undefined;
  const javascript = blankSourceFile(parsed, (node) => {
    problem ??= at(node.getStart(parsed), `SyntaxError: ${unsupported(node)}`);
  });
  if (problem) return problem;
  // What TypeScript's parser lets through but no JavaScript engine would (its grammar checks run
  // later, in the type checker): the same line and column in the source.
  const error = javascriptSyntaxError(file, javascript);
  return error ? { error } : { javascript };
}
