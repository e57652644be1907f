/**
 * The embed page's options, from its URL's query (`/embed?views=console,code&theme=dark#v1.…`;
 * the fragment is the app, as a share link carries it). Pure: the embed page reads them and the
 * embed API (api/) writes them, so both agree on one format.
 *
 * - `views`: which views, in tab order, of `console` (the request console), `preview` (the app's
 *   page), `code` (the editor, with the console under it) and `logs`; `console,code,logs` if absent.
 * - `theme`: `light` or `dark`; absent, the reader's system setting.
 * - `method`, `path`, `body`: the first request, sent once the app runs (the link's own first
 *   request, else `GET /`, when absent).
 * - `editable`: `1` lets the reader (and the embedding page's `setFile`) change the code; absent
 *   or `0`, the code is shown read-only.
 */

export const VIEWS = ['console', 'preview', 'code', 'logs'] as const;
export type EmbedView = (typeof VIEWS)[number];

export const DEFAULT_VIEWS: readonly EmbedView[] = ['console', 'code', 'logs'];

export type EmbedTheme = 'light' | 'dark';

export interface EmbedRequestOption {
  method: string;
  path: string;
  body?: string;
}

export interface EmbedOptions {
  views: EmbedView[];
  /** Absent: follow the reader's system setting. */
  theme?: EmbedTheme;
  /** Absent: the link's own first request, else `GET /`. */
  request?: EmbedRequestOption;
  editable: boolean;
}

/** An option the embed page cannot follow: what was wrong, and what it takes. */
export class EmbedOptionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EmbedOptionError';
  }
}

const METHOD = /^[A-Z]+$/;

function isView(name: string): name is EmbedView {
  return (VIEWS as readonly string[]).includes(name);
}

export function parseEmbedOptions(search: string | URLSearchParams): EmbedOptions {
  const query = typeof search === 'string' ? new URLSearchParams(search) : search;
  const views: EmbedView[] = [];
  const listed = query.get('views');
  if (listed !== null) {
    for (const name of listed
      .split(',')
      .map((v) => v.trim())
      .filter(Boolean)) {
      if (!isView(name))
        throw new EmbedOptionError(
          `This embed asks for a view "${name}", which does not exist: views= takes ${VIEWS.join(', ')}, separated by commas.`,
        );
      if (!views.includes(name)) views.push(name);
    }
    if (!views.length)
      throw new EmbedOptionError(
        `This embed lists no views: views= takes one or more of ${VIEWS.join(', ')}.`,
      );
  }

  const theme = query.get('theme');
  if (theme !== null && theme !== 'light' && theme !== 'dark')
    throw new EmbedOptionError(`This embed asks for the theme "${theme}": theme= takes light or dark.`);

  const method = query.get('method')?.toUpperCase();
  const path = query.get('path');
  const body = query.get('body');
  if (method !== undefined && !METHOD.test(method))
    throw new EmbedOptionError(
      `This embed's method= is "${method}", not an HTTP method such as GET or POST.`,
    );
  if (path !== null && !path.startsWith('/'))
    throw new EmbedOptionError(`This embed's path= is "${path}": a path starts with "/", as in /hello.`);
  const request =
    method !== undefined || path !== null || body !== null
      ? { method: method ?? 'GET', path: path ?? '/', ...(body !== null ? { body } : {}) }
      : undefined;

  const editable = query.get('editable');
  if (editable !== null && editable !== '0' && editable !== '1')
    throw new EmbedOptionError(
      `This embed's editable= is "${editable}": it takes 1 (editable) or 0 (read-only).`,
    );

  return {
    views: views.length ? views : [...DEFAULT_VIEWS],
    ...(theme ? { theme } : {}),
    ...(request ? { request } : {}),
    editable: editable === '1',
  };
}

/** The query that `parseEmbedOptions` reads back as `options` (without the leading `?`). */
export function embedQuery(options: Partial<EmbedOptions>): string {
  const query = new URLSearchParams();
  if (options.views) query.set('views', options.views.join(','));
  if (options.theme) query.set('theme', options.theme);
  if (options.request) {
    query.set('method', options.request.method.toUpperCase());
    query.set('path', options.request.path);
    if (options.request.body !== undefined) query.set('body', options.request.body);
  }
  if (options.editable) query.set('editable', '1');
  // Commas between views read better than %2C, and URLSearchParams would escape them.
  return query.toString().replace(/%2C/g, ',');
}
