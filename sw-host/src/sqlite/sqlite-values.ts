/**
 * Spin's `value` (`integer(s64)`, `real(f64)`, `text(string)`, `blob(list<u8>)`, `null`) as jco
 * represents it, and the rows of a query result. Integers are always `bigint`, both ways, so a
 * 64-bit rowid keeps every bit.
 */

/** One `value`, as jco lifts and lowers it. */
export type SqliteValue =
  | { readonly tag: 'integer'; readonly val: bigint }
  | { readonly tag: 'real'; readonly val: number }
  | { readonly tag: 'text'; readonly val: string }
  | { readonly tag: 'blob'; readonly val: Uint8Array }
  | { readonly tag: 'null' };

/** `record row-result { values: list<value> }`. */
export interface SqliteRow {
  readonly values: SqliteValue[];
}

/** `record query-result { columns: list<string>, rows: list<row-result> }`. */
export interface SqliteQueryResult {
  readonly columns: string[];
  readonly rows: SqliteRow[];
}

/**
 * How many bytes `value` costs a result or a parameter list: its text's UTF-8 or its blob's
 * bytes, or 8 for a number or null (what the guest's memory holds of it).
 */
export function valueBytes(value: SqliteValue): number {
  switch (value.tag) {
    case 'text':
      return utf8Length(value.val);
    case 'blob':
      return value.val.byteLength;
    default:
      return 8;
  }
}

/**
 * Checks that `parameters` is a list of Spin values; jco hands over what the guest lowered, so
 * anything else is a host bug and throws a TypeError (a trap), never a guest-visible error.
 */
export function assertValues(parameters: readonly SqliteValue[]): void {
  for (const value of parameters) {
    const ok =
      (value.tag === 'integer' && typeof value.val === 'bigint') ||
      (value.tag === 'real' && typeof value.val === 'number') ||
      (value.tag === 'text' && typeof value.val === 'string') ||
      (value.tag === 'blob' && value.val instanceof Uint8Array) ||
      value.tag === 'null';
    if (!ok)
      throw new TypeError(
        `Not a sqlite value: ${JSON.stringify(value, (_, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v))}`,
      );
  }
}

/** The UTF-8 length of `text`, without encoding it (a lone surrogate counts as U+FFFD's 3). */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    else if (unit >= 0xd800 && unit < 0xdc00 && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next < 0xe000) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}
