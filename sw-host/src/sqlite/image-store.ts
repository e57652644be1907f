/**
 * Where a database's image (its file's bytes) is kept between uses, with a generation that
 * changes on every write, so a realm that cached an image knows from one small read whether it
 * is still current (decision 0024). Writes are whole: an image and its generation are stored
 * in one transaction, so a reader sees the one or the other, never a mix.
 */

/** A stored image: its generation, and its bytes (none for a database never written). */
export interface StoredImage {
  readonly generation: string;
  readonly image: Uint8Array | undefined;
}

/** The generation of a database never written. */
export const EMPTY_GENERATION = 'empty';

export interface ImageStore {
  /** The current generation (EMPTY_GENERATION for a database never written). */
  generation(): Promise<string>;
  /** The current image and its generation. */
  read(): Promise<StoredImage>;
  /**
   * Stores `image` as a new generation, durably; resolves with that generation. `previous` is
   * what is stored now, when the caller has it, so a store may write only what changed.
   */
  write(image: Uint8Array, previous?: StoredImage): Promise<string>;
}

/** A new generation's name: unique, so a database deleted and written again never repeats one. */
export function newGeneration(): string {
  return globalThis.crypto.randomUUID();
}

/** Images in this realm's memory, for tests and for hosts without IndexedDB. */
export class MemoryImageStore implements ImageStore {
  #stored: StoredImage = { generation: EMPTY_GENERATION, image: undefined };

  async generation(): Promise<string> {
    return this.#stored.generation;
  }

  async read(): Promise<StoredImage> {
    return this.#stored;
  }

  async write(image: Uint8Array): Promise<string> {
    this.#stored = { generation: newGeneration(), image };
    return this.#stored.generation;
  }
}
