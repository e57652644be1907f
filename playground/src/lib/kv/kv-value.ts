/**
 * How the key-value panel shows a stored value. Values are bytes: JSON is shown pretty, other
 * readable text as text, and anything else (a counter stored as u64 bytes, an image) as hex,
 * never as the boxes control characters render as.
 */

export type ShownValue =
  | { kind: 'json'; text: string; /** As stored, for editing. */ raw: string; size: number }
  | { kind: 'text'; text: string; size: number }
  | {
      kind: 'bytes';
      size: number;
      /** `02 00 00 00 00 00 00 00`, the first HEX_BYTES bytes. */
      hex: string;
      truncated: boolean;
      /** Eight bytes are often a u64 (a counter): its value, little- and big-endian. */
      u64?: { littleEndian: string; bigEndian: string };
    };

const HEX_BYTES = 64;
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
/** Control characters other than tab, newline and carriage return: not text a person typed. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

export function showKvValue(bytes: Uint8Array): ShownValue {
  const size = bytes.length;
  let text: string | undefined;
  try {
    text = strictUtf8.decode(bytes);
  } catch {
    text = undefined;
  }
  if (text !== undefined && !CONTROL.test(text)) {
    if (/^\s*[[{"]/.test(text)) {
      try {
        return { kind: 'json', text: JSON.stringify(JSON.parse(text), null, 2), raw: text, size };
      } catch {
        // Not JSON after all: shown as the text it is.
      }
    }
    return { kind: 'text', text, size };
  }
  const hex = [...bytes.subarray(0, HEX_BYTES)].map((b) => b.toString(16).padStart(2, '0')).join(' ');
  const shown: ShownValue = { kind: 'bytes', size, hex, truncated: size > HEX_BYTES };
  if (size === 8) {
    const view = new DataView(bytes.buffer, bytes.byteOffset, 8);
    shown.u64 = {
      littleEndian: view.getBigUint64(0, true).toString(),
      bigEndian: view.getBigUint64(0, false).toString(),
    };
  }
  return shown;
}
