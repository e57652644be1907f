/**
 * The newest records of one kind (requests, log lines), kept in memory: the worker's life is
 * short, and these are for watching and measuring, not for keeping.
 */

// Enough for the playground's lists and the benchmark's breakdown, small enough (~0.5 KB a
// record) that a long-lived worker's heap stays flat.
const CAPACITY = 1_000;

export class Journal<T extends { id: number }> {
  #records: T[] = [];
  #nextId = 1;

  nextId(): number {
    return this.#nextId++;
  }

  add(record: T): void {
    this.#records.push(record);
    if (this.#records.length > CAPACITY) this.#records.splice(0, this.#records.length - CAPACITY);
  }

  /** Records with an id greater than `sinceId`, oldest first. */
  since(sinceId = 0): T[] {
    return this.#records.filter((record) => record.id > sinceId);
  }
}
