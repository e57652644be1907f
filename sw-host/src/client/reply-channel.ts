/**
 * Sends one request envelope and waits for its reply on a `MessageChannel` of its own, with a
 * timeout that says what to do. Used for the service worker, a host page's frame and a
 * dedicated worker alike; only how the envelope is posted differs.
 */
import { SwerveError } from '../errors.ts';
import * as envelope from '../protocol/envelope.ts';
import {
  REPLY_TIMEOUT_MS,
  transferablesOf,
  type HostReplies,
  type HostRequests,
  type HostRequestType,
} from '../protocol/messages.ts';

/** Posts `message` with the `transfer` list (the reply port first) to the other side. */
export type PostMessage = (message: unknown, transfer: Transferable[]) => void;

/**
 * Sends `type` with `payload` and resolves with the reply. The payload's byte arrays are
 * transferred, not copied: the caller must not use them afterwards.
 */
export function sendRequest<T extends HostRequestType>(
  post: PostMessage,
  type: T,
  payload: HostRequests[T],
  where: string,
  options: { ports?: MessagePort[]; timeoutMs?: number } = {},
): Promise<HostReplies[T]> {
  return new Promise((resolve, reject) => {
    const channel = new MessageChannel();
    const ms = options.timeoutMs ?? REPLY_TIMEOUT_MS[type] ?? REPLY_TIMEOUT_MS.default;
    const timer = setTimeout(() => {
      channel.port1.close();
      reject(
        new SwerveError(
          'host-unavailable',
          `${where} did not answer "${type}" within ${ms / 1000} s. Reload the page; if it persists, ` +
            "check the browser console for the host's errors.",
        ),
      );
    }, ms);
    channel.port1.onmessage = (event: MessageEvent<unknown>) => {
      clearTimeout(timer);
      channel.port1.close();
      try {
        resolve(envelope.payloadOf<T>(event.data, where));
      } catch (error) {
        reject(error);
      }
    };
    post(envelope.request(type, payload), [
      channel.port2,
      ...(options.ports ?? []),
      ...transferablesOf(payload),
    ]);
  });
}
