/**
 * Reading a zip a stranger made (an app dropped on the viewer or the playground, or fetched for
 * `?app=`) without letting it choose how much memory the tab gives it. A zip's directory declares
 * every entry's size, and a plain unzip allocates that much before it inflates a byte; a deflate
 * stream can also unpack to a thousand times its size whatever the directory says. So:
 *
 * - the central directory is read first, and the entry count, each declared size and their total
 *   are checked against the limits below before anything is inflated;
 * - each entry is then inflated as a stream and stopped the moment it passes its declared size:
 *   the declared sizes are what was checked, so they are what is enforced.
 *
 * Entry names are checked too (lib/project/app-path.ts): a zip that names `../x` is refused.
 */
import { formatLimit, inflating, readUpTo } from '../bytes/read-capped.ts';
import { unsafePathReason } from '../project/app-path.ts';

/** The most entries a zip may list, folders included. An app's folder has tens; a zipped build tree has more. */
export const MAX_ZIP_ENTRIES = 5_000;
/** The most one entry may unpack to: the largest components (a Python app's) are around 40 MiB. */
export const MAX_ZIP_ENTRY_BYTES = 64 * 1024 * 1024;
/** The most all the entries read may unpack to together. */
export const MAX_ZIP_TOTAL_BYTES = 256 * 1024 * 1024;

/** A zip that cannot be read: what was wrong, and what to do. */
export class ZipError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ZipError';
  }
}

export interface ZipListing {
  /** The entry's name as the zip writes it (folders end with `/`). */
  name: string;
  /** Its uncompressed size, as the directory declares it. */
  size: number;
  compressedSize: number;
  /** 0 stored, 8 deflated. */
  method: number;
  /** Where its local header starts. */
  offset: number;
}

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;

function notAZip(why: string): ZipError {
  return new ZipError(`This is not a zip file that can be read: ${why}.`);
}

/** The central directory's entries, checked against the limits; nothing is inflated. */
export function listZip(bytes: Uint8Array): ZipListing[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end record is the last 22 bytes, or earlier by the length of a comment (at most 65,535).
  let end = bytes.length - 22;
  const earliest = Math.max(0, bytes.length - 22 - 0xffff);
  while (end >= earliest && view.getUint32(end, true) !== END_OF_DIRECTORY) end--;
  if (end < earliest) throw notAZip('it has no end-of-directory record');
  const count = view.getUint16(end + 10, true);
  const directoryOffset = view.getUint32(end + 16, true);
  if (count === 0xffff || directoryOffset === 0xffffffff)
    throw new ZipError(
      `This zip is a ZIP64 archive (for over 65,535 entries or 4 GiB), far over the ${MAX_ZIP_ENTRIES.toLocaleString('en')} entries and ${formatLimit(MAX_ZIP_TOTAL_BYTES)} an app zip may hold. Zip only the app's folder.`,
    );
  if (count > MAX_ZIP_ENTRIES)
    throw new ZipError(
      `This zip lists ${count.toLocaleString('en')} entries, over the ${MAX_ZIP_ENTRIES.toLocaleString('en')} an app zip may hold (MAX_ZIP_ENTRIES); nothing was unpacked. Zip only the app's folder: its spin.toml and the files it names.`,
    );
  const entries: ZipListing[] = [];
  let at = directoryOffset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== DIRECTORY_ENTRY)
      throw notAZip('its directory is damaged');
    const flags = view.getUint16(at + 8, true);
    const method = view.getUint16(at + 10, true);
    const compressedSize = view.getUint32(at + 20, true);
    const size = view.getUint32(at + 24, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const offset = view.getUint32(at + 42, true);
    if (at + 46 + nameLength > bytes.length) throw notAZip('its directory is damaged');
    const name = new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength));
    if (flags & 1)
      throw new ZipError(
        `The zip entry ${JSON.stringify(name)} is encrypted: zip the app without a password.`,
      );
    if (method !== 0 && method !== 8)
      throw new ZipError(
        `The zip entry ${JSON.stringify(name)} is compressed with method ${method}: only stored and deflated entries (what every zip tool writes by default) can be read.`,
      );
    entries.push({ name, size, compressedSize, method, offset });
    at += 46 + nameLength + extraLength + commentLength;
  }
  checkPaths(entries);
  return entries;
}

function checkPaths(entries: ZipListing[]): void {
  for (const { name } of entries) {
    const path = name.endsWith('/') ? name.slice(0, -1) : name;
    const unsafe = unsafePathReason(path);
    if (unsafe !== undefined)
      throw new ZipError(
        `The zip entry ${JSON.stringify(name)} is not allowed: ${unsafe}. Nothing from this zip was stored; zip the app's folder with an ordinary zip tool.`,
      );
  }
}

/** Checks the declared sizes of the entries about to be read, before any is inflated. */
export function checkDeclaredSizes(entries: ZipListing[]): void {
  let total = 0;
  for (const entry of entries) {
    if (entry.size > MAX_ZIP_ENTRY_BYTES)
      throw new ZipError(
        `The zip entry ${JSON.stringify(entry.name)} unpacks to ${entry.size.toLocaleString('en')} bytes, over the ${formatLimit(MAX_ZIP_ENTRY_BYTES)} one file may have (MAX_ZIP_ENTRY_BYTES); nothing was unpacked.`,
      );
    total += entry.size;
  }
  if (total > MAX_ZIP_TOTAL_BYTES)
    throw new ZipError(
      `This zip unpacks to ${total.toLocaleString('en')} bytes, over the ${formatLimit(MAX_ZIP_TOTAL_BYTES)} an app zip may hold (MAX_ZIP_TOTAL_BYTES); nothing was unpacked. Zip only the app's folder: its spin.toml and the files it names.`,
    );
}

/** One entry's bytes: never more than its declared size, which was checked against the limits. */
export async function readEntry(bytes: Uint8Array, entry: ZipListing): Promise<Uint8Array> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (entry.offset + 30 > bytes.length || view.getUint32(entry.offset, true) !== LOCAL_HEADER)
    throw notAZip(`the entry ${JSON.stringify(entry.name)} is damaged`);
  const start =
    entry.offset + 30 + view.getUint16(entry.offset + 26, true) + view.getUint16(entry.offset + 28, true);
  const data = bytes.subarray(start, start + entry.compressedSize);
  if (data.length !== entry.compressedSize)
    throw notAZip(`the entry ${JSON.stringify(entry.name)} is cut short`);
  const lies = () =>
    new ZipError(
      `The zip entry ${JSON.stringify(entry.name)} unpacks to other than the ${entry.size.toLocaleString('en')} bytes its directory declares: the zip is damaged or made to mislead, and was not opened.`,
    );
  if (entry.method === 0) {
    if (data.length !== entry.size) throw lies();
    return data.slice();
  }
  let read;
  try {
    // One byte over the declared size is enough to know it lied; little more is inflated.
    read = await readUpTo(inflating(data, 'deflate-raw'), entry.size + 1);
  } catch {
    throw notAZip(`the entry ${JSON.stringify(entry.name)} does not inflate`);
  }
  if (read.truncated || read.bytes.length !== entry.size) throw lies();
  return read.bytes;
}
