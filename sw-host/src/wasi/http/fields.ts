/**
 * `wasi:http/types.fields`: headers and trailers as the guest sees them, names as written and
 * values as bytes. Fields the host makes from a request or response are immutable, as WASI says.
 *
 * Errors are thrown as `header-error` values (`{ tag: 'invalid-syntax' }`), which jco lowers as
 * the `err` of the call's `result`.
 */

/** RFC 9110 `token`: what a field name may contain. */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/**
 * Names a guest may not set: they describe the connection, which the host owns. The list is
 * wasmtime's (`DEFAULT_FORBIDDEN_HEADERS` in crates/wasi-http), which Spin keeps, so a guest
 * that runs under Spin never meets a refusal here that it did not meet there.
 */
const FORBIDDEN = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'transfer-encoding',
  'upgrade',
  'host',
  'http2-settings',
]);

export type FieldEntry = [name: string, value: Uint8Array];

function checkName(name: string): string {
  if (!TOKEN.test(name)) throw { tag: 'invalid-syntax' };
  const lower = name.toLowerCase();
  if (FORBIDDEN.has(lower)) throw { tag: 'forbidden' };
  return lower;
}

function checkValue(value: Uint8Array): void {
  // A field value may hold any byte but NUL, CR and LF (RFC 9110 section 5.5).
  for (const byte of value) {
    if (byte === 0 || byte === 0x0a || byte === 0x0d) throw { tag: 'invalid-syntax' };
  }
}

let lock: (fields: Fields) => Fields;
let withEntries: (entries: FieldEntry[]) => Fields;

export class Fields {
  #entries: FieldEntry[] = [];
  #immutable = false;

  static {
    lock = (fields) => {
      fields.#immutable = true;
      return fields;
    };
    withEntries = (entries) => {
      const fields = new Fields();
      fields.#entries = entries;
      return fields;
    };
  }

  static fromList(entries: readonly FieldEntry[]): Fields {
    const fields = new Fields();
    for (const [name, value] of entries) fields.append(name, value);
    return fields;
  }

  get(name: string): Uint8Array[] {
    const lower = name.toLowerCase();
    return this.#entries.filter(([n]) => n.toLowerCase() === lower).map(([, value]) => value);
  }

  has(name: string): boolean {
    const lower = name.toLowerCase();
    return this.#entries.some(([n]) => n.toLowerCase() === lower);
  }

  set(name: string, values: readonly Uint8Array[]): void {
    this.#checkMutable();
    const lower = checkName(name);
    values.forEach(checkValue);
    this.#entries = this.#entries.filter(([n]) => n.toLowerCase() !== lower);
    for (const value of values) this.#entries.push([name, value]);
  }

  delete(name: string): void {
    this.#checkMutable();
    const lower = checkName(name);
    this.#entries = this.#entries.filter(([n]) => n.toLowerCase() !== lower);
  }

  append(name: string, value: Uint8Array): void {
    this.#checkMutable();
    checkName(name);
    checkValue(value);
    this.#entries.push([name, value]);
  }

  entries(): FieldEntry[] {
    return this.#entries.map(([name, value]) => [name, value]);
  }

  /** A mutable copy. */
  clone(): Fields {
    const copy = new Fields();
    copy.#entries = this.entries();
    return copy;
  }

  #checkMutable(): void {
    if (this.#immutable) throw { tag: 'immutable' };
  }
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * Immutable fields made by the host from headers a browser has already checked. They may hold
 * names a guest could not set (`host`): Spin passes those to components too.
 */
/**
 * Fields the host hands a guest from a message that came over the wire (an incoming request, a
 * response to an outgoing one), without the forbidden names: wasmtime strips them on the way in
 * (`remove_forbidden_headers`), so a WASI 0.2 guest under Spin never sees `host`, `connection`
 * and the like.
 */
export function receivedFields(headers: Iterable<readonly [string, string]>): Fields {
  const kept: [string, string][] = [];
  for (const [name, value] of headers) if (!FORBIDDEN.has(name.toLowerCase())) kept.push([name, value]);
  return hostFields(kept);
}

export function hostFields(headers: Iterable<readonly [string, string]>): Fields {
  const entries: FieldEntry[] = [];
  for (const [name, value] of headers) entries.push([name, encoder.encode(value)]);
  return lock(withEntries(entries));
}

/** Makes fields immutable: those handed to a request or response belong to it from then on. */
export function lockFields(fields: Fields): Fields {
  return lock(fields);
}

/** The fields as fetch `Headers`. Throws a TypeError for a value `Headers` refuses. */
export function toHeaders(fields: Fields): Headers {
  const headers = new Headers();
  for (const [name, value] of fields.entries()) headers.append(name, decoder.decode(value));
  return headers;
}
