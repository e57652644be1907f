import { describe, expect, it } from 'vitest';
import { repositoryPage } from './repository-pages.ts';

describe('repositoryPage', () => {
  it("is the repository's document when there is one, with what the docs add after it", () => {
    expect(repositoryPage({ document: '# Embeds\n\ntext\n', fallback: '# Ours', after: '## Live\n' })).toBe(
      '# Embeds\n\ntext\n\n## Live\n',
    );
    expect(repositoryPage({ document: '# Share links\n', fallback: '# Ours' })).toBe('# Share links\n');
  });

  it("is the docs' own page until the document exists", () => {
    expect(repositoryPage({ fallback: '# Ours\n', after: '## Live\n' })).toBe('# Ours\n\n## Live\n');
    expect(repositoryPage({ fallback: '# Ours\n' })).toBe('# Ours\n');
  });

  it('says so when a page has neither its document nor a part', () => {
    expect(() => repositoryPage({})).toThrow(/needs its repository document/);
  });
});
