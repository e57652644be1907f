/**
 * The code view's editor settings: read-only unless the embed is editable, and colours for a
 * light page (the shared editor's own are for dark backgrounds).
 */
import { HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { EditorState, Prec, type Extension } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { tags } from '@lezer/highlight';
import type { EmbedTheme } from './embed-options.ts';

const light = HighlightStyle.define([
  { tag: [tags.keyword, tags.heading, tags.meta], color: '#7c3aed' },
  { tag: [tags.string, tags.special(tags.string)], color: '#15803d' },
  { tag: [tags.number, tags.bool, tags.atom, tags.null], color: '#c2410c' },
  { tag: [tags.comment, tags.lineComment, tags.blockComment], color: '#6b7280', fontStyle: 'italic' },
  { tag: [tags.propertyName, tags.definition(tags.variableName), tags.labelName], color: '#1d4ed8' },
  { tag: [tags.bracket, tags.squareBracket, tags.brace, tags.punctuation], color: '#475569' },
  { tag: [tags.typeName, tags.className], color: '#a16207' },
  { tag: tags.invalid, color: '#dc2626' },
]);

export function embedEditorExtensions(theme: EmbedTheme, editable: boolean): Extension[] {
  return [
    ...(theme === 'light'
      ? [
          Prec.highest(syntaxHighlighting(light)),
          EditorView.theme({ '.cm-cursor': { borderLeftColor: '#111' } }),
        ]
      : []),
    ...(editable ? [] : [EditorState.readOnly.of(true), EditorView.editable.of(false)]),
  ];
}
