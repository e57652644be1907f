import { describe, expect, it } from 'vitest';
import { expandTemplate, isLiteralTemplate, parseTemplate, templateVariables } from './template.ts';

describe('parseTemplate', () => {
  it.each([
    ['', []],
    ['a', [{ kind: 'literal', text: 'a' }]],
    [
      'a-{{ expr }}-b',
      [
        { kind: 'literal', text: 'a-' },
        { kind: 'variable', name: 'expr' },
        { kind: 'literal', text: '-b' },
      ],
    ],
    [
      '{{ one }}{{two}}',
      [
        { kind: 'variable', name: 'one' },
        { kind: 'variable', name: 'two' },
      ],
    ],
    // A lone `}}` is literal text, and there is no escape for `{{`.
    ['a }} b', [{ kind: 'literal', text: 'a }} b' }]],
    [
      '{{ a }}}',
      [
        { kind: 'variable', name: 'a' },
        { kind: 'literal', text: '}' },
      ],
    ],
  ])('splits %j', (text, parts) => {
    expect(parseTemplate(text)).toEqual({ ok: true, parts });
  });

  it('rejects an unmatched {{ with Spin’s reason', () => {
    expect(parseTemplate('{{ matched }} {{ unmatched')).toEqual({
      ok: false,
      reason: "unmatched '{{' in template",
    });
  });
});

describe('templates', () => {
  const parts = (text: string) => {
    const parsed = parseTemplate(text);
    if (!parsed.ok) throw new Error(parsed.reason);
    return parsed.parts;
  };

  it('lists the variables a template uses, once each', () => {
    expect(templateVariables(parts('{{ b }}://{{ a }}/{{ b }}'))).toEqual(['b', 'a']);
  });

  it('knows a literal template', () => {
    expect(isLiteralTemplate(parts('https://example.com'))).toBe(true);
    expect(isLiteralTemplate(parts('https://{{ host }}'))).toBe(false);
  });

  it('expands from the given values', () => {
    const values: Record<string, string> = { host: 'api.example.com' };
    expect(expandTemplate(parts('https://{{ host }}/v1'), (n) => values[n])).toBe(
      'https://api.example.com/v1',
    );
  });

  it('gives nothing when a value is missing', () => {
    expect(expandTemplate(parts('https://{{ host }}/v1'), () => undefined)).toBeUndefined();
  });
});
