/**
 * TypeScript help in the editor, for a TypeScript file: type errors as diagnostics, completions
 * and hovers, each answered by the TypeScript worker (lib/typescript/type-service-client.ts).
 * Type errors are only shown: the deploy strips types and runs whatever they say (decision 0020).
 */
import {
  autocompletion,
  type Completion,
  type CompletionContext,
  type CompletionResult,
} from '@codemirror/autocomplete';
import type { Diagnostic as CmDiagnostic } from '@codemirror/lint';
import type { Extension } from '@codemirror/state';
import { EditorView, hoverTooltip, ViewPlugin, type ViewUpdate } from '@codemirror/view';
import type { TypeServiceClient } from '../typescript/type-service-client.ts';
import type { TypeInfo } from '../typescript/type-service.ts';

/** How long typing pauses before the file is checked again: checks while typing would queue up. */
export const TYPE_CHECK_DELAY_MS = 400;

/** What type errors are marked as in the editor (its lint tooltip names the source). */
export const TYPE_HELP_SOURCE = 'TypeScript';

/** CodeMirror's icon for each kind of name TypeScript completes. */
const COMPLETION_TYPES: Record<string, string> = {
  method: 'method',
  function: 'function',
  'local function': 'function',
  constructor: 'class',
  class: 'class',
  'local class': 'class',
  interface: 'interface',
  type: 'type',
  'type parameter': 'type',
  enum: 'enum',
  'enum member': 'constant',
  module: 'namespace',
  'external module name': 'namespace',
  keyword: 'keyword',
  const: 'constant',
  property: 'property',
  getter: 'property',
  setter: 'property',
};

function infoElement(info: TypeInfo, className: string): HTMLElement {
  const dom = document.createElement('div');
  dom.className = className;
  const signature = document.createElement('code');
  signature.className = 'cm-typeSignature';
  signature.textContent = info.signature;
  dom.append(signature);
  if (info.documentation) {
    const docs = document.createElement('p');
    docs.className = 'cm-typeDocs';
    docs.textContent = info.documentation;
    dom.append(docs);
  }
  return dom;
}

/**
 * CodeMirror's boost (higher first, -99 to 99) for TypeScript's sort text: a number for where a
 * name comes from (`11` a local, `15` a global...), `z` before it for a deprecated one.
 */
function boostOf(sortText: string): number {
  const deprecated = sortText.startsWith('z');
  const rank = Number.parseInt(deprecated ? sortText.slice(1) : sortText, 10);
  return Math.max(-99, -(Number.isNaN(rank) ? 50 : rank) - (deprecated ? 40 : 0));
}

function completionSource(path: string, client: TypeServiceClient) {
  return async (context: CompletionContext): Promise<CompletionResult | null> => {
    const word = context.matchBefore(/[\w$]*/);
    const before = context.state.sliceDoc(context.pos - 1, context.pos);
    // Typing opens the list in a word, after a `.`, or in a module name; Ctrl-Space anywhere.
    if (!context.explicit && word?.from === word?.to && !/[.'"/@]/.test(before)) return null;
    const text = context.state.doc.toString();
    const answer = await client
      .ask({ kind: 'completions', path, position: context.pos }, text)
      .catch(() => undefined);
    if (!answer || context.aborted) return null;
    const options: Completion[] = answer.options.map((option) => ({
      label: option.label,
      type: COMPLETION_TYPES[option.kind] ?? 'variable',
      boost: boostOf(option.sortText),
      info: async () => {
        const info = await client
          .ask({ kind: 'completionInfo', path, position: context.pos, name: option.label }, text)
          .catch(() => undefined);
        return info ? infoElement(info, 'cm-typeInfo') : null;
      },
    }));
    return { from: answer.from, to: answer.to, options, validFor: /^[\w$]*$/ };
  };
}

function hoverSource(path: string, client: TypeServiceClient) {
  return hoverTooltip(async (view, position) => {
    const info = await client
      .ask({ kind: 'hover', path, position }, view.state.doc.toString())
      .catch(() => undefined);
    if (!info) return null;
    return {
      pos: info.from,
      end: info.to,
      above: true,
      create: () => ({ dom: infoElement(info, 'cm-typeHover') }),
    };
  });
}

/** Checks the file when it opens and once typing pauses, and hands its type errors to `show`. */
function checker(path: string, client: TypeServiceClient, show: (marks: CmDiagnostic[]) => void) {
  return ViewPlugin.define((view) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let destroyed = false;
    const check = async () => {
      const doc = view.state.doc;
      const found = await client.ask({ kind: 'diagnostics', path }, doc.toString()).catch(() => undefined);
      // A check of an older text is dropped: the next one is already on its way.
      if (!found || destroyed || view.state.doc !== doc) return;
      show(found.map((d) => ({ ...d, to: Math.max(d.to, d.from), source: TYPE_HELP_SOURCE })));
    };
    const schedule = () => {
      clearTimeout(timer);
      timer = setTimeout(() => void check(), TYPE_CHECK_DELAY_MS);
    };
    void check();
    return {
      update(update: ViewUpdate) {
        if (update.docChanged) schedule();
      },
      destroy() {
        destroyed = true;
        clearTimeout(timer);
      },
    };
  });
}

const theme = EditorView.theme({
  '.cm-typeHover, .cm-typeInfo': { padding: '4px 8px', maxWidth: '560px', fontSize: '12px' },
  '.cm-typeSignature': { fontFamily: 'var(--mono)', whiteSpace: 'pre-wrap' },
  '.cm-typeDocs': { margin: '4px 0 0', color: 'var(--muted)', whiteSpace: 'pre-wrap' },
  '.cm-tooltip': { background: 'var(--panel)', color: 'var(--text)', border: '1px solid var(--line)' },
  '.cm-tooltip-autocomplete > ul > li[aria-selected]': { background: '#2b3650', color: 'var(--text)' },
});

/**
 * TypeScript help for the file `path`, asking `client`; its type errors go to `show` (which puts
 * them beside the deploy's own problems).
 */
export function typeHelp(
  path: string,
  client: TypeServiceClient,
  show: (marks: CmDiagnostic[]) => void,
): Extension {
  return [
    autocompletion({ override: [completionSource(path, client)] }),
    hoverSource(path, client),
    checker(path, client, show),
    theme,
  ];
}
