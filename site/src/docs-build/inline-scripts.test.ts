import { describe, expect, it } from 'vitest';
import { moveInlineScripts } from './inline-scripts.ts';

const PAGE = `<!DOCTYPE html><html><head>
<script id="check-dark-mode">;(() => { document.documentElement.classList.add('dark') })()</script>
<script type="module" src="/docs/assets/app.js"></script>
<script id="check-mac-os">document.documentElement.classList.toggle('mac', true)</script>
</head><body><script type="application/json">{"a":1}</script></body></html>`;

describe('moveInlineScripts', () => {
  it('leaves no inline script that a strict CSP would block, and keeps the others as they were', async () => {
    const { html, scripts } = await moveInlineScripts(PAGE, '/docs/');
    expect(scripts).toHaveLength(2);
    for (const { fileName } of scripts) expect(html).toContain(`src="/docs/${fileName}"`);
    expect(html).toContain('<script id="check-dark-mode" src="/docs/assets/inline/');
    expect(html).toContain('<script type="module" src="/docs/assets/app.js"></script>');
    expect(html).toContain('<script type="application/json">{"a":1}</script>');
    for (const tag of html.match(/<script\b[^>]*>[\s\S]*?<\/script>/g) ?? []) {
      if (!tag.includes('application/json')) expect(tag).toMatch(/src="[^"]+"><\/script>$/);
    }
  });

  it('moves each script to a file holding exactly its code', async () => {
    const { scripts } = await moveInlineScripts(PAGE, '/docs/');
    expect(scripts.map((s) => s.code)).toEqual([
      ";(() => { document.documentElement.classList.add('dark') })()",
      "document.documentElement.classList.toggle('mac', true)",
    ]);
    expect(scripts[0]!.fileName).toMatch(/^assets\/inline\/[0-9a-f]{12}\.js$/);
  });

  it('names a script by its code, so every page shares one file for the same check', async () => {
    const one = await moveInlineScripts('<script>a()</script>', '/docs/');
    const two = await moveInlineScripts('<p></p><script id="x">a()</script>', '/docs/');
    const other = await moveInlineScripts('<script>b()</script>', '/docs/');
    expect(one.scripts[0]!.fileName).toBe(two.scripts[0]!.fileName);
    expect(other.scripts[0]!.fileName).not.toBe(one.scripts[0]!.fileName);
  });
});
