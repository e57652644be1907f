/**
 * The docs pages are served under the site's strict CSP (`script-src 'self'`): an inline
 * `<script>` never runs there. VitePress writes two into every page's head (the dark-mode check,
 * which must run before the first paint, and the macOS check). This moves each one into a file
 * of its own, named by a hash of its code, and points the tag at it. A classic `<script src>` in
 * the head still blocks parsing, so the dark-mode check still runs before the first paint.
 */

/** A script moved out of a page: where it goes under the docs' output, and its code. */
export interface ExternalScript {
  /** Relative to the docs' output folder, e.g. `assets/inline/3f2a9c1d.js`. */
  fileName: string;
  code: string;
}

export interface PageWithoutInlineScripts {
  html: string;
  scripts: ExternalScript[];
}

// A `<script>` with content and no `src`: VitePress never writes `</script>` inside its scripts.
const INLINE_SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script>/gi;

async function shortHash(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest).subarray(0, 6)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * `html` with every inline script replaced by a `<script src>` under `base` (the docs' base URL,
 * `/docs/`), and the files to write.
 */
export async function moveInlineScripts(html: string, base: string): Promise<PageWithoutInlineScripts> {
  const scripts: ExternalScript[] = [];
  const replacements: string[] = [];
  for (const match of html.matchAll(INLINE_SCRIPT)) {
    const [, attributes = '', code = ''] = match;
    if (/\ssrc\s*=/i.test(attributes) || !code.trim()) {
      replacements.push(match[0]);
      continue;
    }
    if (/\stype\s*=\s*["']?(?!module|text\/javascript)/i.test(attributes)) {
      // Data blocks (JSON, templates) are not executed and need no move.
      replacements.push(match[0]);
      continue;
    }
    const fileName = `assets/inline/${await shortHash(code)}.js`;
    if (!scripts.some((script) => script.fileName === fileName)) scripts.push({ fileName, code });
    replacements.push(`<script${attributes} src="${base}${fileName}"></script>`);
  }
  let index = 0;
  return { html: html.replace(INLINE_SCRIPT, () => replacements[index++]!), scripts };
}
