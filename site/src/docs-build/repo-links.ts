/**
 * The docs include some of the repository's own documents (`docs/spin-parity.md`,
 * `docs/testing.md`) rather than copy them. Their links to other files of the repository
 * (`../testkit/example`, `decisions/0007-….md`) point nowhere on the site, so they become the
 * file's path in the repository, as code, which a reader can find in a clone.
 */
import type MarkdownIt from 'markdown-it';

/** A link written in a repository document (relative to `docs/`) to a file outside the docs site. */
function repositoryPath(href: string): string | undefined {
  if (!/^(\.\.\/|decisions\/)/.test(href)) return undefined;
  const parts: string[] = ['docs'];
  for (const part of href.split('#')[0]!.split('/')) {
    if (part === '..') parts.pop();
    else if (part && part !== '.') parts.push(part);
  }
  return parts.join('/');
}

export function repoLinks(md: MarkdownIt): void {
  md.core.ruler.push('swerve-repo-links', (state) => {
    for (const block of state.tokens) {
      const tokens = block.children;
      if (!tokens) continue;
      for (let i = 0; i < tokens.length; i++) {
        const open = tokens[i]!;
        const path = open.type === 'link_open' ? repositoryPath(open.attrGet('href') ?? '') : undefined;
        if (!path) continue;
        const close = tokens.findIndex((token, j) => j > i && token.type === 'link_close');
        const text = tokens
          .slice(i + 1, close)
          .map((token) => token.content)
          .join('');
        const code = new state.Token('code_inline', 'code', 0);
        code.content = path;
        const words = new state.Token('text', '', 0);
        words.content = text === path || path.endsWith(`/${text}`) ? '' : `${text} (`;
        const after = new state.Token('text', '', 0);
        after.content = words.content ? ' in the repository)' : ' (in the repository)';
        tokens.splice(i, close - i + 1, words, code, after);
      }
    }
  });
}
