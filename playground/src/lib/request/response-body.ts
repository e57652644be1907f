/** How the console shows a response body: pretty JSON, text, an image, HTML, or bytes. */
import { bytesToBase64 } from '../bytes/base64.ts';

/**
 * The most of a response body a console reads and shows. An app (a stranger's, from a link)
 * chooses how long its answers are; past this the console stops reading, shows what it has and
 * says the rest was left out. Send the request with curl to get it all.
 */
export const MAX_SHOWN_BODY_BYTES = 1024 * 1024;

export type ShownBody = (
  | { kind: 'empty' }
  | { kind: 'json'; text: string }
  | { kind: 'text'; text: string }
  | { kind: 'html'; text: string }
  /** A data: URL: the playground's CSP allows images from data: only. */
  | { kind: 'image'; url: string; size: number }
  | { kind: 'binary'; size: number; preview: string }
) & {
  /** Only the first MAX_SHOWN_BODY_BYTES of a longer body are shown. */
  truncated?: true;
};

/** The first bytes as hex, for a look at what a binary body is. */
export function hexPreview(bytes: Uint8Array, count = 64): string {
  return [...bytes.subarray(0, count)].map((b) => b.toString(16).padStart(2, '0')).join(' ');
}

/** `bytes` shown for `contentType`; `truncated` when they are only the first part of the body. */
export function showBody(contentType: string, bytes: Uint8Array, truncated = false): ShownBody {
  const shown = shownAs(contentType, bytes, truncated);
  return truncated ? { ...shown, truncated: true } : shown;
}

function shownAs(contentType: string, bytes: Uint8Array, truncated: boolean): ShownBody {
  if (bytes.length === 0) return { kind: 'empty' };
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  // A cut image is not an image: it is shown as the bytes it is.
  if (type.startsWith('image/') && !truncated) {
    return { kind: 'image', url: `data:${type};base64,${bytesToBase64(bytes)}`, size: bytes.length };
  }
  let text: string;
  try {
    // A body cut at the limit may end inside a character: `stream` leaves that character out.
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: truncated });
  } catch {
    return { kind: 'binary', size: bytes.length, preview: hexPreview(bytes) };
  }
  if (type === 'application/json' || type.endsWith('+json') || (!type && /^\s*[[{]/.test(text))) {
    try {
      return { kind: 'json', text: JSON.stringify(JSON.parse(text), null, 2) };
    } catch {
      return { kind: 'text', text };
    }
  }
  if (type === 'text/html') return { kind: 'html', text };
  return { kind: 'text', text };
}
