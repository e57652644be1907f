/**
 * The pages that show a document of the repository (`docs/share-links.md`, `docs/embeds.md`,
 * `docs/security.md`, `docs/hosting.md`) once it exists, else the docs' own text
 * (src/docs-build/repository-pages.ts); a VitePress dynamic route, so each is read when the docs
 * are built. A page with no part of its own (security, hosting) has only the repository's document.
 */
import { existsSync, readFileSync } from 'node:fs';
import { repositoryPage } from '../src/docs-build/repository-pages.ts';

const PAGES = ['share-links', 'embeds', 'security', 'hosting', 'own-app'];

const read = (path: string): string | undefined => {
  const url = new URL(path, import.meta.url);
  return existsSync(url) ? readFileSync(url, 'utf8') : undefined;
};

export default {
  watch: [
    '../../docs/share-links.md',
    '../../docs/embeds.md',
    '../../docs/security.md',
    '../../docs/hosting.md',
    '../../docs/own-app.md',
    './parts/*.md',
  ],
  paths() {
    return PAGES.map((page) => ({
      params: { page },
      content: repositoryPage({
        document: read(`../../docs/${page}.md`),
        fallback: read(`./parts/${page}.md`),
        after: read(`./parts/${page}.after.md`),
      }),
    }));
  },
};
