/**
 * The last requests the worker served, kept in memory (the worker's life is short, and the
 * records are for watching and measuring, not for keeping).
 */
import type { RequestRecord } from '../protocol/request-record.ts';

// Enough for the playground's request list and the benchmark's breakdown, small enough (~0.5 KB a
// record) that a long-lived worker's heap stays flat.
const CAPACITY = 1_000;

export class RequestJournal {
  #records: RequestRecord[] = [];
  #nextId = 1;

  nextId(): number {
    return this.#nextId++;
  }

  add(record: RequestRecord): void {
    this.#records.push(record);
    if (this.#records.length > CAPACITY) this.#records.splice(0, this.#records.length - CAPACITY);
  }

  /** Records with an id greater than `sinceId`, oldest first. */
  since(sinceId = 0): RequestRecord[] {
    return this.#records.filter((record) => record.id > sinceId);
  }
}
