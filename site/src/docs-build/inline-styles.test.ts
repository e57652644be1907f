import { describe, expect, it } from 'vitest';
import { InlineStyleSheet } from './inline-styles.ts';

describe('InlineStyleSheet', () => {
  it('replaces every style attribute by a class whose rule holds the same declarations', () => {
    const sheet = new InlineStyleSheet();
    const html = sheet.moveStyles(
      '<main><div style="position:relative;" class="vp-doc" data-v-1>a</div><p style="--vp-vh:0px;">b</p></main>',
    );
    expect(html).not.toContain('style=');
    const [, first] = /<div class="vp-doc (vp-style-\w+)" data-v-1>a<\/div>/.exec(html) ?? [];
    const [, second] = /<p class="(vp-style-\w+)">b<\/p>/.exec(html) ?? [];
    expect(sheet.css()).toContain(`.${first}{position:relative;}`);
    expect(sheet.css()).toContain(`.${second}{--vp-vh:0px;}`);
  });

  it('gives the same declarations one class, on every page', () => {
    const sheet = new InlineStyleSheet();
    const one = sheet.moveStyles('<a style="color:red">x</a>');
    const two = sheet.moveStyles('<b style="color:red">y</b>');
    expect(/class="([^"]+)"/.exec(one)?.[1]).toBe(/class="([^"]+)"/.exec(two)?.[1]);
    expect(sheet.css().trim().split('\n')).toHaveLength(1);
  });

  it('reads entities in the attribute as the browser would', () => {
    const sheet = new InlineStyleSheet();
    sheet.moveStyles('<i style="font-family:&quot;Inter&quot;">z</i>');
    expect(sheet.css()).toContain('{font-family:"Inter"}');
  });

  it('leaves text that only mentions style= alone', () => {
    const sheet = new InlineStyleSheet();
    const html = '<pre><code>&lt;div style="x"&gt;</code></pre>';
    expect(sheet.moveStyles(html)).toBe(html);
  });
});
