/**
 * A key-value store held in memory: for unit tests, and for hosts without IndexedDB. Every
 * method runs synchronously before its promise settles, so each one is atomic within the
 * JavaScript realm (there is no other realm that could see this data).
 */
import { ownBytes } from './kv-backend.ts';
import type { KvBackend, KvUpdateDecision, KvUpdateResult, KvWriteResult } from './kv-backend.ts';

let nextId = 0;

/** A `KvBackend` over a `Map`; values are copied in and out. */
export class MemoryKvBackend implements KvBackend {
  readonly name: string;
  readonly #entries = new Map<string, Uint8Array>();

  /** `name` defaults to a fresh unique name: memory stores are never shared across realms. */
  constructor(name = `swerve-kv-memory:${nextId++}`) {
    this.name = name;
  }

  async get(key: string): Promise<Uint8Array | undefined> {
    const value = this.#entries.get(key);
    return value === undefined ? undefined : ownBytes(value);
  }

  async set(key: string, value: Uint8Array): Promise<KvWriteResult> {
    this.#entries.set(key, ownBytes(value));
    return { keyCount: this.#entries.size };
  }

  async delete(key: string): Promise<void> {
    this.#entries.delete(key);
  }

  async exists(key: string): Promise<boolean> {
    return this.#entries.has(key);
  }

  async keys(): Promise<string[]> {
    return [...this.#entries.keys()];
  }

  async count(): Promise<number> {
    return this.#entries.size;
  }

  async getMany(keys: readonly string[]): Promise<Array<Uint8Array | undefined>> {
    return keys.map((key) => {
      const value = this.#entries.get(key);
      return value === undefined ? undefined : ownBytes(value);
    });
  }

  async setMany(entries: ReadonlyArray<readonly [string, Uint8Array]>): Promise<KvWriteResult> {
    for (const [key, value] of entries) this.#entries.set(key, ownBytes(value));
    return { keyCount: this.#entries.size };
  }

  async deleteMany(keys: readonly string[]): Promise<void> {
    for (const key of keys) this.#entries.delete(key);
  }

  async clear(): Promise<void> {
    this.#entries.clear();
  }

  async update<R>(
    key: string,
    decide: (current: Uint8Array | undefined) => KvUpdateDecision<R>,
  ): Promise<KvUpdateResult<R>> {
    const current = this.#entries.get(key);
    const decision = decide(current === undefined ? undefined : ownBytes(current));
    if (!decision.write) return { result: decision.result };
    this.#entries.set(key, ownBytes(decision.value));
    return { result: decision.result, keyCount: this.#entries.size };
  }
}
