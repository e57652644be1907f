/**
 * Unknown URLs of the site's origin answer 404 with a page that says so, under `vite preview`
 * (`npm start`) as on a static host, which serves a folder's `404.html` for paths it does not
 * have: `/docs/…` gets the docs' own page (VitePress writes it), every other path the site's.
 * Vite's SPA fallback would answer them 200 with the front page instead, so the site is served as
 * a multi-page app (`appType: 'mpa'`) and this middleware runs where Vite would answer its empty
 * 404.
 *
 * App origins never reach it with a path of their own: the host's middleware answers those with
 * the bootstrap page and passes on only Swerve's files (`/_swerve/…`, `/sw.js`), which code
 * fetches, so a missing one keeps Vite's plain 404.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Plugin } from 'vite';

/** The 404 pages, by the path prefix they serve, most specific first (as built into the output). */
const NOT_FOUND_PAGES: readonly { prefix: string; file: string }[] = [
  { prefix: '/docs/', file: 'docs/404.html' },
  { prefix: '/', file: '404.html' },
];

/** Swerve's own files, fetched by code at every origin: a missing one gets no page. */
const SWERVE_FILES_PREFIX = '/_swerve/';

export function notFoundPages(): Plugin {
  let outDir = '';
  return {
    name: 'swerve-site-not-found-pages',
    config: () => ({ appType: 'mpa' }),
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    configurePreviewServer(server) {
      // Returned: runs after Vite has served every file and page that exists.
      return () =>
        server.middlewares.use(async (req, res, next) => {
          if ((req.method !== 'GET' && req.method !== 'HEAD') || res.writableEnded) return next();
          const pathname = new URL(req.url ?? '/', 'http://site').pathname;
          if (pathname.startsWith(SWERVE_FILES_PREFIX)) return next();
          // A page that exists (Vite has mapped `/view` to `/view.html`, `/x/` to `/x/index.html`).
          if (pathname.endsWith('.html') && existsSync(join(outDir, pathname))) return next();
          // A folder asked for without its slash (`/playground`), as static hosts answer it.
          if (existsSync(join(outDir, pathname, 'index.html'))) {
            res.statusCode = 301;
            res.setHeader('location', `${pathname}/`);
            return res.end();
          }
          const page = NOT_FOUND_PAGES.find(({ prefix }) => pathname.startsWith(prefix))!;
          const html = await readFile(join(outDir, page.file)).catch(() => undefined);
          if (!html) return next();
          res.statusCode = 404;
          res.setHeader('content-type', 'text/html; charset=utf-8');
          res.setHeader('cache-control', 'no-cache');
          res.end(req.method === 'HEAD' ? undefined : html);
        });
    },
  };
}
