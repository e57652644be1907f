/**
 * The service worker's end of one guest worker's port, as the pool uses it: post a call with
 * what it transfers, listen to the answers. A `MessagePort` in the browser; a fake in unit tests.
 */
import type { AppDefinition } from '../apps/app-definition.ts';
import type { GuestAnswer, GuestCall } from './messages.ts';

export interface GuestPort {
  post(call: GuestCall<AppDefinition>, transfer: Transferable[]): void;
  listen(listener: (answer: GuestAnswer) => void): void;
  close(): void;
}

export function messagePortLink(port: MessagePort): GuestPort {
  return {
    post: (call, transfer) => port.postMessage(call, transfer),
    listen(listener) {
      port.onmessage = (event: MessageEvent<GuestAnswer>) => listener(event.data);
    },
    close: () => port.close(),
  };
}
