/**
 * The CodeMirror 6 editor of a project's text files: one view, one EditorState per open file
 * (so each keeps its own undo history and selection across tab switches), and deploy problems
 * shown as lint diagnostics at their lines; given a TypeScript worker, a TypeScript file's type
 * errors beside them, with completions and hovers (type-help.ts).
 */
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { javascript } from '@codemirror/lang-javascript';
import { json } from '@codemirror/lang-json';
import {
  bracketMatching,
  HighlightStyle,
  foldGutter,
  indentOnInput,
  StreamLanguage,
  syntaxHighlighting,
} from '@codemirror/language';
import { toml } from '@codemirror/legacy-modes/mode/toml';
import { tags } from '@lezer/highlight';
import {
  forEachDiagnostic,
  lintGutter,
  setDiagnostics,
  type Diagnostic as CmDiagnostic,
} from '@codemirror/lint';
import { highlightSelectionMatches, searchKeymap } from '@codemirror/search';
import { Compartment, EditorState, type Extension } from '@codemirror/state';
import {
  drawSelection,
  EditorView,
  highlightActiveLine,
  highlightActiveLineGutter,
  keymap,
  lineNumbers,
} from '@codemirror/view';
import type { Diagnostic } from '../manifest/deploy-diagnostics.ts';
import { languageOf } from '../project/file-kind.ts';
import type { TypeServiceClient } from '../typescript/type-service-client.ts';

/** A TypeScript module, which gets TypeScript help (a declaration file is checked through its users). */
const TYPESCRIPT_MODULE = /(?<!\.d)\.m?ts$/i;

/**
 * TypeScript help (type-help.ts, with CodeMirror's completion list) is loaded with the first
 * TypeScript file opened: a first visit, JavaScript, does not download it (decision 0027).
 */
let typeHelpModule: Promise<typeof import('./type-help.ts')> | undefined;
const loadTypeHelp = () =>
  (typeHelpModule ??= import('./type-help.ts').catch((error: unknown) => {
    typeHelpModule = undefined; // The next TypeScript file opened tries again.
    throw error;
  }));

/** A file's TypeScript help before it is loaded, or when it has none. */
const NO_TYPE_HELP: Extension = [];

/** What a deploy's problems are marked as, beside TypeScript's type errors. */
const DEPLOY_SOURCE = 'deploy';

function language(path: string): Extension {
  switch (languageOf(path)) {
    case 'toml':
      return StreamLanguage.define(toml);
    case 'json':
      return json();
    case 'javascript':
      return javascript({ typescript: /\.tsx?$/.test(path) });
    default:
      return [];
  }
}

/** Colours for a dark editor (CodeMirror's default style is for light backgrounds). */
const highlight = HighlightStyle.define([
  { tag: [tags.keyword, tags.heading, tags.meta], color: '#c792ea' },
  { tag: [tags.string, tags.special(tags.string)], color: '#c3e88d' },
  { tag: [tags.number, tags.bool, tags.atom, tags.null], color: '#f78c6c' },
  { tag: [tags.comment, tags.lineComment, tags.blockComment], color: '#6b7389', fontStyle: 'italic' },
  { tag: [tags.propertyName, tags.definition(tags.variableName), tags.labelName], color: '#82aaff' },
  { tag: [tags.bracket, tags.squareBracket, tags.brace, tags.punctuation], color: '#a6accd' },
  { tag: [tags.typeName, tags.className], color: '#ffcb6b' },
  { tag: tags.invalid, color: '#f06a6a' },
]);

const theme = EditorView.theme({
  '&': { height: '100%', fontSize: '13px', color: 'var(--text)', background: 'var(--bg)' },
  '.cm-cursor': { borderLeftColor: '#e6e6e6' },
  '&.cm-focused .cm-selectionBackground, .cm-selectionBackground': { background: '#2b3650 !important' },
  '.cm-scroller': { fontFamily: 'var(--mono)', lineHeight: '1.55' },
  '.cm-gutters': { background: 'var(--panel)', borderRight: '1px solid var(--line)', color: 'var(--muted)' },
  '.cm-activeLine, .cm-activeLineGutter': { background: 'var(--active-line)' },
  // The page's focus ring (style.css), drawn inside: the page's own rules do not reach this shadow root.
  '&.cm-focused': { outline: '2px solid var(--accent)', outlineOffset: '-2px' },
});

export class CodeEditor {
  readonly view: EditorView;
  #states = new Map<string, EditorState>();
  #path = '';
  #typeHelp = new Compartment();
  #typeHelpLoaded: Awaited<ReturnType<typeof loadTypeHelp>> | undefined;

  constructor(
    parent: HTMLElement,
    private readonly onChange: (path: string, text: string) => void,
    /** More for every file's state (the embed page's read-only mode and light colours). */
    private readonly extensions: Extension[] = [],
    /** TypeScript help for TypeScript files (the playground's editor; not the embed's read-only one). */
    private readonly types?: TypeServiceClient,
  ) {
    // In a shadow root, CodeMirror's styles go to the root's adopted style sheets: in the
    // document it would add <style> elements, which the site's CSP (style-src 'self') blocks.
    const shadow = parent.attachShadow({ mode: 'open' });
    const mount = document.createElement('div');
    mount.style.height = '100%';
    shadow.append(mount);
    this.view = new EditorView({
      parent: mount,
      root: shadow,
      dispatchTransactions: (transactions, view) => {
        view.update(transactions);
        if (transactions.some((t) => t.docChanged)) this.onChange(this.#path, view.state.doc.toString());
      },
    });
  }

  /** Shows `path`, whose text is `text` (its saved state is kept if the text is unchanged). */
  open(path: string, text: string): void {
    if (path === this.#path && this.view.state.doc.toString() === text) return;
    if (this.#path) this.#states.set(this.#path, this.view.state);
    let state = this.#states.get(path);
    if (!state || state.doc.toString() !== text) state = this.#create(path, text);
    this.#path = path;
    this.view.setState(state);
    if (this.types && TYPESCRIPT_MODULE.test(path) && this.#typeHelp.get(state) === NO_TYPE_HELP) {
      void loadTypeHelp().then(
        (module) => {
          this.#typeHelpLoaded = module;
          // Another file may be open by now; the file's state gets its help when opened again.
          if (this.#path !== path || this.#typeHelp.get(this.view.state) !== NO_TYPE_HELP) return;
          this.view.dispatch({ effects: this.#typeHelp.reconfigure(this.#typeHelpOf(path)) });
        },
        (error: unknown) =>
          console.warn('TypeScript help could not be loaded; the editor works without it.', error),
      );
    }
  }

  /**
   * Shows `diagnostics` of the open file (lines past the end are put on the last line): from the
   * column named to the end of the line, or the whole line.
   */
  showDiagnostics(diagnostics: Diagnostic[]): void {
    const doc = this.view.state.doc;
    const marks: CmDiagnostic[] = diagnostics.map((d) => {
      const line = doc.line(Math.min(Math.max(d.line ?? 1, 1), doc.lines));
      const column = Math.min(Math.max((d.column ?? 1) - 1, 0), line.length);
      // An error at the end of a line (an unclosed brace) still gets a mark of one character.
      const from = column === line.length && column > 0 ? line.from + column - 1 : line.from + column;
      return { from, to: line.to, severity: 'error', message: d.message, source: DEPLOY_SOURCE };
    });
    this.#replaceMarks(DEPLOY_SOURCE, marks);
  }

  /**
   * The open file's marks from `source` replaced by `marks`; the others stay where they are now
   * (moved along with the edits since they were shown). A deploy's problems and the type errors
   * come and go on their own schedules.
   */
  #replaceMarks(source: string, marks: CmDiagnostic[]): void {
    const kept: CmDiagnostic[] = [];
    forEachDiagnostic(this.view.state, (d, from, to) => {
      if (d.source !== source) kept.push({ ...d, from, to });
    });
    this.view.dispatch(setDiagnostics(this.view.state, [...kept, ...marks]));
  }

  /** Forgets the states of another project's files. */
  reset(): void {
    this.#states.clear();
    this.#path = '';
  }

  destroy(): void {
    this.view.destroy();
    this.types?.destroy();
  }

  /** `path`'s TypeScript help, once loaded; its type errors go beside the deploy's problems. */
  #typeHelpOf(path: string): Extension {
    const module = this.#typeHelpLoaded;
    if (!module || !this.types || !TYPESCRIPT_MODULE.test(path)) return NO_TYPE_HELP;
    return module.typeHelp(path, this.types, (marks) => {
      if (this.#path === path) this.#replaceMarks(module.TYPE_HELP_SOURCE, marks);
    });
  }

  #create(path: string, text: string): EditorState {
    return EditorState.create({
      doc: text,
      extensions: [
        lineNumbers(),
        highlightActiveLineGutter(),
        foldGutter(),
        lintGutter(),
        history(),
        drawSelection(),
        indentOnInput(),
        bracketMatching(),
        highlightActiveLine(),
        highlightSelectionMatches(),
        syntaxHighlighting(highlight),
        keymap.of([...defaultKeymap, ...historyKeymap, ...searchKeymap, indentWithTab]),
        language(path),
        theme,
        EditorView.contentAttributes.of({ 'aria-label': `Contents of ${path}` }),
        this.#typeHelp.of(this.#typeHelpOf(path)),
        ...this.extensions,
      ],
    });
  }
}
