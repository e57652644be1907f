/** Spin's key-value stores, as the Spin JS SDK names them; the component needs `key_value_stores`. */
declare module '@spinframework/spin-kv' {
  /** One key-value store, opened by its label. */
  export interface Store {
    /** The value's bytes, or null for a missing key. */
    get(key: string): Uint8Array | null;
    /** Stores a string as UTF-8, bytes as they are, anything else as JSON. */
    set(key: string, value: Uint8Array | string | object): void;
    delete(key: string): void;
    exists(key: string): boolean;
    /** Every key in the store. */
    getKeys(): string[];
    /** The value parsed as JSON, or null for a missing key. */
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- as JSON.parse and the Spin SDK type it: the handler's code decides the shape
    getJson(key: string): any;
    /** Stores `value` as JSON. */
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any value JSON.stringify takes, as the Spin SDK types it
    setJson(key: string, value: any): void;
  }
  /** The store `label`, which the component's `key_value_stores` in spin.toml must list. */
  export function open(label: string): Store;
  /** The store `default`. */
  export function openDefault(): Store;
}
