/**
 * One app's SQLite database as this realm (the service worker, or one guest worker) sees it:
 * its stored image, the lock that orders every use of it across the origin's realms, and the
 * last image this realm read or wrote, so a use that finds the generation unchanged needs no
 * image read (decision 0024).
 */
import type { KvLock } from '../kv/kv-lock.ts';
import type { ImageStore, StoredImage } from './image-store.ts';

export class SqliteDatabase {
  /** The last image this realm read or wrote, by generation. */
  #cached: StoredImage | undefined;

  constructor(
    /** The app and label, for the lock's name and messages. */
    readonly name: string,
    readonly label: string,
    readonly store: ImageStore,
    readonly lock: KvLock,
  ) {}

  /** The name of the Web Lock held while a connection reads or writes this database. */
  get lockName(): string {
    return `swerve-sqlite:${this.name}`;
  }

  /** The current image (call holding the lock), from this realm's cache when still current. */
  async current(): Promise<StoredImage> {
    const generation = await this.store.generation();
    if (this.#cached?.generation === generation) return this.#cached;
    this.#cached = await this.store.read();
    return this.#cached;
  }

  /**
   * Empties the database (a test kit's reset between tests, a page's "clear"), under the lock,
   * so it never lands in the middle of another connection's statement or transaction; every
   * connection, in any realm, sees the empty database at its next statement.
   */
  clear(): Promise<void> {
    return this.lock.run(this.lockName, async () => {
      await this.current();
      await this.write(new Uint8Array());
    });
  }

  /** Stores `image` (call holding the lock); resolves with its generation once durable. */
  async write(image: Uint8Array): Promise<string> {
    // Holding the lock, the cache is what is stored: the store writes only what changed.
    const generation = await this.store.write(image, this.#cached);
    this.#cached = { generation, image };
    return generation;
  }
}
