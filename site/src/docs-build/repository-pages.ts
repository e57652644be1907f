/**
 * Pages whose text is one of the repository's own documents (`docs/<page>.md`), so the docs
 * site never keeps a second copy of it. Until that document exists the page is the docs' own
 * text (`site/docs/parts/<page>.md`). A part may add to either (`<page>.after.md`: the live
 * example a repository document cannot hold).
 */
export interface PageParts {
  /** The repository's document, when it exists. */
  document?: string;
  /** The docs' own page, for when it does not; pages that exist only as a document have none. */
  fallback?: string;
  /** What the docs add after the page's text. */
  after?: string;
}

export function repositoryPage({ document, fallback, after }: PageParts): string {
  const text = document ?? fallback;
  if (text === undefined) throw new Error('A docs page needs its repository document or a part of its own.');
  return after ? `${text.trimEnd()}\n\n${after}` : text;
}
