/**
 * A key-value store as JSON, for export and import from pages:
 *
 *   { "format": "swerve-kv-v1", "entries": { "greeting": { "text": "hi" }, "blob": { "base64": "AAE=" } } }
 *
 * A value that is valid UTF-8 is written as text, so dumps stay readable and editable; any other
 * value as base64. Importing checks every entry before anything is written.
 */
import { SwerveError } from '../errors.ts';

export const KV_DUMP_FORMAT = 'swerve-kv-v1';

export type KvDumpValue = { text: string } | { base64: string };

export interface KvDump {
  format: typeof KV_DUMP_FORMAT;
  entries: Record<string, KvDumpValue>;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export function dumpValue(bytes: Uint8Array): KvDumpValue {
  try {
    return { text: strictUtf8.decode(bytes) };
  } catch {
    return { base64: toBase64(bytes) };
  }
}

export function createDump(entries: Iterable<readonly [string, Uint8Array]>): KvDump {
  const dump: KvDump = { format: KV_DUMP_FORMAT, entries: {} };
  for (const [key, value] of entries) dump.entries[key] = dumpValue(value);
  return dump;
}

/** The entries of a dump; throws a SwerveError naming the first bad entry, before anything is written. */
export function readDump(dump: unknown): [string, Uint8Array][] {
  const invalid = (why: string) =>
    new SwerveError(
      'kv-invalid',
      `This is not a key-value dump Swerve can import: ${why}. Expected ` +
        `{ "format": "${KV_DUMP_FORMAT}", "entries": { "key": { "text": "..." } or { "base64": "..." } } }.`,
    );
  if (typeof dump !== 'object' || dump === null) throw invalid('it is not a JSON object');
  const { format, entries } = dump as { format?: unknown; entries?: unknown };
  if (format !== KV_DUMP_FORMAT) throw invalid(`its "format" is ${JSON.stringify(format)}`);
  if (typeof entries !== 'object' || entries === null || Array.isArray(entries))
    throw invalid('"entries" is not an object');
  return Object.entries(entries).map(([key, value]) => {
    if (typeof value === 'object' && value !== null) {
      if ('text' in value && typeof value.text === 'string')
        return [key, new TextEncoder().encode(value.text)];
      if ('base64' in value && typeof value.base64 === 'string') {
        try {
          return [key, fromBase64(value.base64)];
        } catch {
          throw invalid(`the base64 of entry ${JSON.stringify(key)} is malformed`);
        }
      }
    }
    throw invalid(`entry ${JSON.stringify(key)} has neither "text" nor "base64"`);
  });
}
