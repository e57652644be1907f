// @ts-check
/**
 * `@spinframework/spin-sqlite`, as the Spin JS SDK documents it, over `fermyon:spin/sqlite@2.0.0`:
 * `open(label)`, `openDefault()`, and a connection's `execute(statement, parameters)`, which
 * answers `{ columns, rows }` with each row an object keyed by column name. The SDK itself is not
 * on the npm registry.
 */

/**
 * A WIT `value` as componentize-js binds it.
 * @typedef {{ tag: 'integer', val: bigint } | { tag: 'real', val: number } | { tag: 'text', val: string }
 *   | { tag: 'blob', val: Uint8Array } | { tag: 'null' }} WitValue
 */

/**
 * The host's connection, as componentize-js binds `fermyon:spin/sqlite@2.0.0`.
 * @typedef {object} WitConnection
 * @property {(statement: string, parameters: WitValue[]) => { columns: string[], rows: { values: WitValue[] }[] }} execute
 */

/** @typedef {number | bigint | string | Uint8Array | null} SqliteValue */

/**
 * One parameter as a WIT value: whole numbers as integers and the others as reals (as the SDK
 * decides), strings as text, bytes as blobs, null as null; an already tagged value passes through.
 * @param {unknown} value
 * @param {number} index
 * @returns {WitValue}
 */
export function toWitValue(value, index) {
  if (value === null || value === undefined) return { tag: 'null' };
  if (typeof value === 'bigint') return { tag: 'integer', val: value };
  if (typeof value === 'number') {
    return Number.isInteger(value) ? { tag: 'integer', val: BigInt(value) } : { tag: 'real', val: value };
  }
  if (typeof value === 'boolean') return { tag: 'integer', val: value ? 1n : 0n };
  if (typeof value === 'string') return { tag: 'text', val: value };
  if (value instanceof Uint8Array) return { tag: 'blob', val: value };
  if (ArrayBuffer.isView(value)) {
    return { tag: 'blob', val: new Uint8Array(value.buffer, value.byteOffset, value.byteLength) };
  }
  if (value instanceof ArrayBuffer) return { tag: 'blob', val: new Uint8Array(value) };
  const tagged = /** @type {{ tag?: unknown }} */ (value);
  if (
    typeof tagged === 'object' &&
    ['integer', 'real', 'text', 'blob', 'null'].includes(String(tagged.tag))
  ) {
    return /** @type {WitValue} */ (tagged);
  }
  throw new TypeError(
    `spin-sqlite: parameter ${index + 1} is ${Object.prototype.toString.call(value)}; ` +
      'pass a number, bigint, string, Uint8Array or null',
  );
}

/** A WIT error (`{ payload: { tag, val } }`) as an Error that says what failed. */
function sqliteError(/** @type {string} */ what, /** @type {any} */ error) {
  const payload = error?.payload;
  if (!payload?.tag) return error;
  const detail = payload.val === undefined ? payload.tag : `${payload.tag}: ${payload.val}`;
  return Object.assign(new Error(`spin-sqlite: ${what} failed (${detail})`), { payload });
}

/**
 * @param {WitConnection} connection
 * @param {string} label
 */
export function wrapConnection(connection, label) {
  return {
    /**
     * @param {string} statement
     * @param {unknown[]} [parameters]
     * @returns {{ columns: string[], rows: Record<string, SqliteValue>[] }}
     */
    execute(statement, parameters = []) {
      const values = Array.from(parameters, toWitValue);
      let result;
      try {
        result = connection.execute(statement, values);
      } catch (error) {
        throw sqliteError(`execute in database "${label}"`, error);
      }
      const { columns } = result;
      const rows = result.rows.map(({ values: cells }) => {
        /** @type {Record<string, SqliteValue>} */
        const row = {};
        cells.forEach((cell, index) => {
          row[columns[index]] = cell.tag === 'null' ? null : cell.val;
        });
        return row;
      });
      return { columns, rows };
    },
  };
}

/**
 * The module `@spinframework/spin-sqlite`, over the host's `Connection.open`.
 * @param {(label: string) => WitConnection} openConnection
 */
export function spinSqliteModule(openConnection) {
  /** @param {string} label */
  const open = (label) => {
    try {
      return wrapConnection(openConnection(label), label);
    } catch (error) {
      throw sqliteError(`open("${label}")`, error);
    }
  };
  return Object.freeze({ __proto__: null, open, openDefault: () => open('default') });
}
