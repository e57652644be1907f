/**
 * What the host tells pages as it happens: log lines (guest stdout and stderr, host warnings
 * and errors) and request records. Kept in bounded journals for pages that ask later, and
 * broadcast on a BroadcastChannel to pages that listen now.
 */
import { HOST_EVENTS_CHANNEL, type HostEvent, type LogRecord } from '../protocol/host-events.ts';
import * as envelope from '../protocol/envelope.ts';
import type { RequestRecord } from '../protocol/request-record.ts';
import { Journal } from './journal.ts';

export class HostEvents {
  readonly requests = new Journal<RequestRecord>();
  readonly logs = new Journal<LogRecord>();
  readonly #channel =
    typeof BroadcastChannel === 'function' ? new BroadcastChannel(HOST_EVENTS_CHANNEL) : undefined;
  #relay: EventRelay | undefined;

  /** Also posts every event to `url` on the host's server (`swerve up` prints them), in batches. */
  relayTo(url: string): void {
    this.#relay ??= new EventRelay(url);
  }

  log(entry: Omit<LogRecord, 'id' | 'at'>): void {
    const record: LogRecord = { id: this.logs.nextId(), at: Date.now(), ...entry };
    this.logs.add(record);
    const where = [record.app, record.component].filter(Boolean).join('/');
    const line = `[swerve]${where ? ` ${where}` : ''}${record.requestId ? ` #${record.requestId}` : ''} ${record.message}`;
    if (record.level === 'error') console.error(line);
    else if (record.level === 'warn') console.warn(line);
    else console.log(line);
    this.#broadcast({ type: 'log', record });
  }

  request(record: RequestRecord): void {
    this.requests.add(record);
    this.#broadcast({ type: 'request', record });
  }

  #broadcast(event: HostEvent): void {
    this.#channel?.postMessage(envelope.event(event));
    this.#relay?.add(event);
  }
}

/** Events posted to a server in small batches: a request and its log lines usually travel together. */
class EventRelay {
  #batch: HostEvent[] = [];

  constructor(readonly url: string) {}

  add(event: HostEvent): void {
    if (this.#batch.push(event) === 1) setTimeout(() => this.#flush(), 20);
  }

  #flush(): void {
    const body = JSON.stringify(this.#batch);
    this.#batch = [];
    // The terminal is a convenience: an event it misses must never fail a request.
    void fetch(this.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body }).catch(
      () => undefined,
    );
  }
}
