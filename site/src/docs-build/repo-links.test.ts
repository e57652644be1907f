import { createMarkdownRenderer } from 'vitepress';
import { describe, expect, it } from 'vitest';
import { repoLinks } from './repo-links.ts';

async function render(markdown: string): Promise<string> {
  const md = await createMarkdownRenderer('/tmp', { config: (md) => void md.use(repoLinks) }, '/docs/');
  return md.render(markdown, { relativePath: 'testing.md', cleanUrls: false });
}

describe('repoLinks', () => {
  it("turns a repository document's link to a file outside the docs into that file's repository path", async () => {
    const html = await render(
      'See [decision 0007](decisions/0007-an-origin-per-app.md) and [testkit/example](../testkit/example).',
    );
    expect(html).not.toContain('<a');
    expect(html).toContain(
      'decision 0007 (<code>docs/decisions/0007-an-origin-per-app.md</code> in the repository)',
    );
    expect(html).toContain('<code>testkit/example</code> (in the repository)');
  });

  it('leaves links to docs pages, anchors and other sites alone', async () => {
    const html = await render('[a](./page-api.md) [b](#limits) [c](https://spinframework.dev/)');
    expect(html.match(/<a /g)).toHaveLength(3);
    expect(html).toMatch(/href="[^"]*page-api\.html"/);
  });
});
