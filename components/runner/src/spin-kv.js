// @ts-check
/**
 * `@spinframework/spin-kv`, as the Spin JS SDK documents it, over a `fermyon:spin/key-value`
 * store: `open(label)`, `openDefault()`, and the store's `get`, `set`, `delete`, `exists`,
 * `getKeys`, `getJson` and `setJson`. The SDK itself is not on the npm registry.
 */

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * The host's store, as componentize-js binds `fermyon:spin/key-value@2.0.0`.
 * @typedef {object} WitStore
 * @property {(key: string) => Uint8Array | undefined} get
 * @property {(key: string, value: Uint8Array) => void} set
 * @property {(key: string) => void} delete
 * @property {(key: string) => boolean} exists
 * @property {() => string[]} getKeys
 */

/**
 * @typedef {object} Store
 * @property {(key: string) => Uint8Array | null} get
 * @property {(key: string, value: Uint8Array | string | object) => void} set
 * @property {(key: string) => void} delete
 * @property {(key: string) => boolean} exists
 * @property {() => string[]} getKeys
 * @property {(key: string) => any} getJson
 * @property {(key: string, value: any) => void} setJson
 */

/** The bytes `set` stores: strings as UTF-8, bytes as they are, anything else as JSON (as the SDK does). */
export function encodeValue(/** @type {unknown} */ value) {
  if (typeof value === 'string') return encoder.encode(value);
  if (value instanceof Uint8Array) return value;
  if (value instanceof ArrayBuffer) return new Uint8Array(value);
  if (ArrayBuffer.isView(value)) return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  return encoder.encode(JSON.stringify(value));
}

/** The value `getJson` returns for stored bytes: parsed JSON, or null for a missing key. */
export function decodeJson(/** @type {Uint8Array | undefined | null} */ bytes) {
  return bytes ? JSON.parse(decoder.decode(bytes)) : null;
}

/** A WIT error (`{ payload: { tag, val } }`) as an Error that says what failed. */
function kvError(/** @type {string} */ what, /** @type {any} */ error) {
  const payload = error?.payload;
  if (!payload?.tag) return error;
  const detail = payload.val === undefined ? payload.tag : `${payload.tag}: ${payload.val}`;
  return Object.assign(new Error(`spin-kv: ${what} failed (${detail})`), { payload });
}

/**
 * @param {WitStore} store
 * @param {string} label
 * @returns {Store}
 */
export function wrapStore(store, label) {
  /** @template T @param {string} what @param {() => T} call @returns {T} */
  const attempt = (what, call) => {
    try {
      return call();
    } catch (error) {
      throw kvError(`${what} in store "${label}"`, error);
    }
  };
  return {
    get: (key) => attempt(`get("${key}")`, () => store.get(key) ?? null),
    set: (key, value) => attempt(`set("${key}")`, () => store.set(key, encodeValue(value))),
    delete: (key) => attempt(`delete("${key}")`, () => store.delete(key)),
    exists: (key) => attempt(`exists("${key}")`, () => store.exists(key)),
    getKeys: () => attempt('getKeys()', () => store.getKeys()),
    getJson: (key) => decodeJson(attempt(`getJson("${key}")`, () => store.get(key))),
    setJson: (key, value) =>
      attempt(`setJson("${key}")`, () => store.set(key, encoder.encode(JSON.stringify(value)))),
  };
}

/**
 * The module `@spinframework/spin-kv`, over the host's `Store.open`.
 * @param {(label: string) => WitStore} openStore
 */
export function spinKvModule(openStore) {
  /** @param {string} label @returns {Store} */
  const open = (label) => {
    try {
      return wrapStore(openStore(label), label);
    } catch (error) {
      throw kvError(`open("${label}")`, error);
    }
  };
  return Object.freeze({ __proto__: null, open, openDefault: () => open('default') });
}
