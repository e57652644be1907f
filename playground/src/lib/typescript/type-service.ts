/**
 * TypeScript's language service over a project's files and the runner's declarations
 * (playground/type-library.ts): the type errors, completions and hovers the editor shows. It runs
 * in a worker (type-service.worker.ts) so that checking never holds up typing; it knows nothing
 * of the editor, and positions are offsets in a file's text (UTF-16, as CodeMirror counts them).
 */
import ts from 'typescript';

/** A project file as the editor has it: its path in the project (`src/index.ts`) and its text. */
export interface ServiceFile {
  path: string;
  text: string;
}

export interface TypeDiagnostic {
  from: number;
  to: number;
  severity: 'error' | 'warning';
  message: string;
}

export interface TypeCompletions {
  /** Where the completed word starts. */
  from: number;
  to: number;
  options: { label: string; kind: string; sortText: string }[];
}

export interface TypeInfo {
  from: number;
  to: number;
  /** The declaration as TypeScript prints it (`function openDefault(): Store`). */
  signature: string;
  documentation: string;
}

/** Where a project's files are in the service: apart from the libraries' `/lib` and `/node_modules`. */
const PROJECT_ROOT = '/project/';

/** The files the service reads from the project: modules and their declarations, and JSON. */
const SERVED = /\.(m?ts|m?js|json)$/i;
const ROOT = /\.m?ts$/i;

/** Checked as the runner runs them: ES2023 modules, types stripped file by file (decision 0020). */
function compilerOptions(libs: string[]): ts.CompilerOptions {
  return {
    target: ts.ScriptTarget.ES2023,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    lib: libs.map((lib) => `lib.${lib}.d.ts`),
    types: [],
    strict: true,
    noEmit: true,
    allowJs: true,
    checkJs: false,
    allowImportingTsExtensions: true,
    resolveJsonModule: true,
    isolatedModules: true,
    skipLibCheck: true,
  };
}

export class TypeService {
  readonly #library: Map<string, string>;
  readonly #runnerTypes: string[];
  readonly #libDirectory: string;
  #project = new Map<string, { text: string; version: number }>();
  #projectVersion = 0;
  readonly #service: ts.LanguageService;

  /**
   * @param library the declarations by path (type-library.ts), read-only
   * @param libs the `lib` option, by library name (`es2023`)
   * @param libDirectory where the library keeps TypeScript's `lib.*.d.ts`
   * @param runnerTypesDirectory where the runner's own declarations are: root files of every project
   */
  constructor(
    library: Record<string, string>,
    libs: string[],
    libDirectory: string,
    runnerTypesDirectory: string,
  ) {
    this.#library = new Map(Object.entries(library));
    this.#libDirectory = libDirectory;
    this.#runnerTypes = [...this.#library.keys()].filter((path) =>
      path.startsWith(`${runnerTypesDirectory}/`),
    );
    const options = compilerOptions(libs);
    const directories = new Set<string>();
    for (const path of this.#library.keys()) {
      for (let dir = path; dir.lastIndexOf('/') > 0;)
        directories.add((dir = dir.slice(0, dir.lastIndexOf('/'))));
    }
    const host: ts.LanguageServiceHost = {
      getCompilationSettings: () => options,
      getProjectVersion: () => String(this.#projectVersion),
      getScriptFileNames: () => [
        ...this.#runnerTypes,
        ...[...this.#project.keys()].filter((path) => ROOT.test(path)),
      ],
      getScriptVersion: (path) => String(this.#project.get(path)?.version ?? 0),
      getScriptSnapshot: (path) => {
        const text = this.#read(path);
        return text === undefined ? undefined : ts.ScriptSnapshot.fromString(text);
      },
      getCurrentDirectory: () => PROJECT_ROOT,
      getDefaultLibFileName: () => `${this.#libDirectory}/lib.d.ts`,
      fileExists: (path) => this.#read(path) !== undefined,
      readFile: (path) => this.#read(path),
      directoryExists: (path) => {
        const dir = path.replace(/\/$/, '');
        return (
          directories.has(dir) ||
          `${dir}/` === PROJECT_ROOT ||
          [...this.#project.keys()].some((file) => file.startsWith(`${dir}/`))
        );
      },
      getDirectories: () => [],
    };
    this.#service = ts.createLanguageService(host, ts.createDocumentRegistry());
  }

  /** The project's files now: those changed since the last call get a new version. */
  setFiles(files: ServiceFile[]): void {
    const next = new Map<string, { text: string; version: number }>();
    for (const { path, text } of files) {
      if (!SERVED.test(path)) continue;
      const key = PROJECT_ROOT + path;
      const previous = this.#project.get(key);
      next.set(key, previous?.text === text ? previous : { text, version: (previous?.version ?? 0) + 1 });
    }
    this.#project = next;
    this.#projectVersion++;
  }

  /**
   * The type errors of `path`. Syntax errors are left out: the deploy reports those already (with
   * TypeScript's own parser, lib/typescript/strip-types.ts), and type errors never block a deploy.
   */
  diagnostics(path: string): TypeDiagnostic[] {
    const file = PROJECT_ROOT + path;
    if (!this.#project.has(file) || !ROOT.test(path)) return [];
    return this.#service.getSemanticDiagnostics(file).map((d) => ({
      from: d.start ?? 0,
      to: (d.start ?? 0) + (d.length ?? 0),
      severity: d.category === ts.DiagnosticCategory.Error ? 'error' : 'warning',
      message: ts.flattenDiagnosticMessageText(d.messageText, '\n'),
    }));
  }

  completions(path: string, position: number): TypeCompletions | undefined {
    const file = PROJECT_ROOT + path;
    const text = this.#project.get(file)?.text;
    if (text === undefined) return undefined;
    // Names only: entries that would insert other text (`?.x`, `["a-b"]`) are left out, as the
    // editor completes the word under the cursor with the name.
    const info = this.#service.getCompletionsAtPosition(file, position, {});
    if (!info) return undefined;
    // Where the word under the cursor starts, unless TypeScript says what it replaces (a module name).
    const span = info.optionalReplacementSpan;
    const from = span ? span.start : position - (/[\w$]*$/.exec(text.slice(0, position))?.[0].length ?? 0);
    const to = span ? span.start + span.length : position;
    const options = info.entries.map((entry) => ({
      label: entry.name,
      kind: entry.kind,
      sortText: entry.sortText,
    }));
    return { from, to, options };
  }

  /** What the completion `name` at `position` is: its declaration and documentation. */
  completionInfo(path: string, position: number, name: string): TypeInfo | undefined {
    const details = this.#service.getCompletionEntryDetails(
      PROJECT_ROOT + path,
      position,
      name,
      {},
      undefined,
      {},
      undefined,
    );
    if (!details) return undefined;
    return {
      from: position,
      to: position,
      signature: ts.displayPartsToString(details.displayParts),
      documentation: ts.displayPartsToString(details.documentation),
    };
  }

  /** What the name at `position` is, as a hover shows it. */
  hover(path: string, position: number): TypeInfo | undefined {
    const file = PROJECT_ROOT + path;
    if (!this.#project.has(file)) return undefined;
    const info = this.#service.getQuickInfoAtPosition(file, position);
    if (!info) return undefined;
    return {
      from: info.textSpan.start,
      to: info.textSpan.start + info.textSpan.length,
      signature: ts.displayPartsToString(info.displayParts),
      documentation: ts.displayPartsToString(info.documentation),
    };
  }

  #read(path: string): string | undefined {
    return this.#project.get(path)?.text ?? this.#library.get(path);
  }
}
