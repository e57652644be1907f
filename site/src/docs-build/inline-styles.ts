/**
 * The docs pages are served under the site's strict CSP (`style-src 'self'`), which blocks
 * `style` attributes in HTML. The default theme renders a few (`:style` bindings such as the
 * outline dropdown's `--vp-vh`, the content's `position: relative`); once the page runs, Vue
 * sets them through the CSSOM, which the CSP allows, but in the built HTML they are attributes.
 * This replaces each with a class named by a hash of its declarations, whose rule goes into a
 * stylesheet of the site's own (`InlineStyleSheet`). A class rule is weaker than an inline style,
 * so a value Vue sets later (inline, through the CSSOM) still wins, as it would have.
 */

const STYLE_ATTRIBUTE = /(<[a-zA-Z][^\s/>]*)([^>]*?)\sstyle="([^"]*)"([^>]*>)/g;

/** FNV-1a, 32 bits: a short, stable class name for a set of declarations. */
function hashOf(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return (hash >>> 0).toString(36);
}

function unescapeAttribute(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** The rules for every style moved out of every page so far, written once all pages are done. */
export class InlineStyleSheet {
  readonly #rules = new Map<string, string>();

  /** `html` with its `style` attributes replaced by classes of this sheet. */
  moveStyles(html: string): string {
    return html.replace(
      STYLE_ATTRIBUTE,
      (tag, start: string, before: string, style: string, after: string) => {
        const declarations = unescapeAttribute(style).trim();
        if (!declarations) return `${start}${before}${after}`;
        const name = `vp-style-${hashOf(declarations)}`;
        this.#rules.set(name, declarations);
        const rest = `${before}${after}`;
        const classAttribute = /\sclass="([^"]*)"/.exec(rest);
        if (!classAttribute) return `${start} class="${name}"${rest}`;
        return `${start}${rest.replace(classAttribute[0], ` class="${classAttribute[1]} ${name}"`)}`;
      },
    );
  }

  css(): string {
    return [...this.#rules].map(([name, declarations]) => `.${name}{${declarations}}`).join('\n') + '\n';
  }
}
