/** How the console shows a response body: pretty JSON, text, an image, HTML, or bytes. */
import { bytesToBase64 } from '../bytes/base64.ts';

export type ShownBody =
  | { kind: 'empty' }
  | { kind: 'json'; text: string }
  | { kind: 'text'; text: string }
  | { kind: 'html'; text: string }
  /** A data: URL: the playground's CSP allows images from data: only. */
  | { kind: 'image'; url: string; size: number }
  | { kind: 'binary'; size: number; preview: string };

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** The first bytes as hex, for a look at what a binary body is. */
export function hexPreview(bytes: Uint8Array, count = 64): string {
  return [...bytes.subarray(0, count)].map((b) => b.toString(16).padStart(2, '0')).join(' ');
}

export function showBody(contentType: string, bytes: Uint8Array): ShownBody {
  if (bytes.length === 0) return { kind: 'empty' };
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  if (type.startsWith('image/')) {
    return { kind: 'image', url: `data:${type};base64,${bytesToBase64(bytes)}`, size: bytes.length };
  }
  let text: string;
  try {
    text = strictUtf8.decode(bytes);
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
