/**
 * `{{ name }}` templates, as in component `variables` and `allowed_outbound_hosts` entries.
 *
 * Spin's grammar (`spin_expressions::Template`) is deliberately small: text up to the next `{{`
 * is literal, and everything between `{{` and the next `}}` is an expression, trimmed of
 * whitespace. There is no escape for a literal `{{`, a lone `}}` is literal text, and an
 * expression is only ever a variable name.
 */

/** One piece of a template: literal text, or the name of an application variable. */
export type TemplatePart =
  { readonly kind: 'literal'; readonly text: string } | { readonly kind: 'variable'; readonly name: string };

/** A parsed template, or the reason the text is not one. */
export type ParsedTemplate =
  | { readonly ok: true; readonly parts: readonly TemplatePart[] }
  | { readonly ok: false; readonly reason: string };

/** Splits `text` into literal and `{{ variable }}` parts. */
export function parseTemplate(text: string): ParsedTemplate {
  const parts: TemplatePart[] = [];
  let rest = text;
  while (rest !== '') {
    if (rest.startsWith('{{')) {
      const end = rest.indexOf('}}', 2);
      if (end === -1) return { ok: false, reason: "unmatched '{{' in template" };
      parts.push({ kind: 'variable', name: rest.slice(2, end).trim() });
      rest = rest.slice(end + 2);
    } else {
      const next = rest.indexOf('{{');
      const literal = next === -1 ? rest : rest.slice(0, next);
      parts.push({ kind: 'literal', text: literal });
      rest = rest.slice(literal.length);
    }
  }
  return { ok: true, parts };
}

/** The variable names a template refers to, in order of first use. */
export function templateVariables(parts: readonly TemplatePart[]): string[] {
  const names: string[] = [];
  for (const part of parts) {
    if (part.kind === 'variable' && !names.includes(part.name)) names.push(part.name);
  }
  return names;
}

/** True when a template has no `{{ }}` expressions, so its text is its value. */
export function isLiteralTemplate(parts: readonly TemplatePart[]): boolean {
  return parts.every((part) => part.kind === 'literal');
}

/**
 * Fills a template in. `valueOf` gives a variable's value, or `undefined` when it has none;
 * then the whole expansion is `undefined`, because a half-expanded value is never useful.
 */
export function expandTemplate(
  parts: readonly TemplatePart[],
  valueOf: (name: string) => string | undefined,
): string | undefined {
  let out = '';
  for (const part of parts) {
    if (part.kind === 'literal') {
      out += part.text;
      continue;
    }
    const value = valueOf(part.name);
    if (value === undefined) return undefined;
    out += value;
  }
  return out;
}
