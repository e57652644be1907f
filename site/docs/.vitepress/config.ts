/**
 * The docs site (VitePress), built into the site's output at `/docs/` (`site/dist/docs/`) after
 * the site itself (`npm run --workspace site build`). Its pages are served under the site's
 * strict CSP (no inline scripts or styles), so the output is made CSP-clean here:
 * - code is coloured by classes, not `style` attributes (Shiki's style-to-class transformer);
 * - the `style` attributes the theme renders become classes (src/docs-build/inline-styles.ts);
 *   both sets of rules are written to one stylesheet, `page-styles.css`, once every page is built;
 * - the inline scripts VitePress puts in each page's head are moved into files
 *   (src/docs-build/inline-scripts.ts).
 * See docs/decisions/0016-the-docs-site.md.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { transformerStyleToClass } from '@shikijs/transformers';
import { defineConfig } from 'vitepress';
import { moveInlineScripts } from '../../src/docs-build/inline-scripts.ts';
import { InlineStyleSheet } from '../../src/docs-build/inline-styles.ts';
import { repoLinks } from '../../src/docs-build/repo-links.ts';

const BASE = '/docs/';
const PAGE_STYLES = 'page-styles.css';
const codeColors = transformerStyleToClass({ classPrefix: 'c-' });
const themeStyles = new InlineStyleSheet();

export default defineConfig({
  title: 'Swerve',
  description: "Spin's serverless host, in the browser: docs, with examples that run in your browser.",
  base: BASE,
  outDir: '../dist/docs',
  cacheDir: '../node_modules/.cache/vitepress',
  // Parts of pages ([page].paths.ts), not pages.
  srcExclude: ['parts/**'],
  // The theme's colour-mode switch would add a <style> element to stop transitions while it
  // switches, which the CSP blocks (and reports); the switch works the same without it.
  appearance: { disableTransition: false },
  head: [['link', { rel: 'stylesheet', href: `${BASE}${PAGE_STYLES}` }]],
  markdown: {
    codeTransformers: [codeColors],
    config: (md) => void md.use(repoLinks),
  },
  themeConfig: {
    nav: [
      // Relative, so that VitePress does not put them under /docs/; _self, so that its router lets the
      // browser load them: they are the site's pages, not the docs'.
      { text: 'Site', link: '../', target: '_self' },
      { text: 'Playground', link: '../playground/', target: '_self' },
    ],
    sidebar: [
      {
        text: 'Guide',
        items: [
          { text: 'Getting started', link: '/getting-started' },
          { text: 'Use Swerve in your own Spin app', link: '/own-app' },
          { text: 'The playground', link: '/playground' },
          { text: 'Share links', link: '/share-links' },
          { text: 'Embeds', link: '/embeds' },
          { text: 'Export to Spin', link: '/export' },
          { text: 'Host the playground', link: '/hosting' },
        ],
      },
      {
        text: 'Reference',
        items: [
          { text: 'The page API', link: '/page-api' },
          { text: 'The test kit', link: '/testing' },
          { text: 'Spin parity', link: '/spin-parity' },
          { text: 'Check an app with spin build', link: '/target-environment' },
          { text: 'Limits', link: '/limits' },
          { text: 'Security', link: '/security' },
        ],
      },
      { text: 'Examples', items: [{ text: 'Live examples', link: '/examples' }] },
    ],
    search: { provider: 'local' },
    outline: { level: [2, 3] },
  },
  async transformHtml(html, id, { siteConfig }) {
    const page = await moveInlineScripts(html, BASE);
    for (const script of page.scripts) {
      const file = join(siteConfig.outDir, script.fileName);
      await mkdir(dirname(file), { recursive: true });
      await writeFile(file, script.code);
    }
    return themeStyles.moveStyles(page.html);
  },
  async buildEnd(siteConfig) {
    // Every page has been rendered by now, so the transformer has seen every colour in use.
    await writeFile(join(siteConfig.outDir, PAGE_STYLES), codeColors.getCSS() + '\n' + themeStyles.css());
  },
});
