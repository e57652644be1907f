/**
 * The embed page's side of the embed channel (api/embed-protocol.ts): it answers only the window
 * that framed it, replies on the port each request brings, and sends events down the port its
 * parent handed it with `connect`. Whoever frames an embed may drive it: the app is the one
 * that page chose to show, and anything it keeps lives in that page's own (partitioned) storage.
 */
import {
  checkEmbedRequest,
  eventEnvelope,
  failureEnvelope,
  isEnvelope,
  readyEnvelope,
  replyEnvelope,
  type EmbedEvent,
  type EmbedInfo,
  type EmbedReplies,
  type EmbedRequestType,
  type EmbedResponse,
} from './api/embed-protocol.ts';

export interface EmbedHandlers {
  /** Resolves once the app runs (rejects with why it cannot). */
  connect(): Promise<EmbedInfo>;
  send(request: ReturnType<typeof checkEmbedRequest>): Promise<EmbedResponse>;
  setFile(path: string, text: string): Promise<void>;
}

export interface ParentChannel {
  /** Sends an event to the embedding page, once it has connected. */
  emit(event: EmbedEvent): void;
}

export function listenToParent(handlers: EmbedHandlers): ParentChannel {
  const parent = window.parent;
  let events: MessagePort | undefined;
  // The origin of the page that connected: later requests must come from it too.
  let connectedOrigin: string | undefined;

  async function answer(type: EmbedRequestType, payload: unknown): Promise<EmbedReplies[EmbedRequestType]> {
    switch (type) {
      case 'connect':
        return handlers.connect();
      case 'send':
        return handlers.send(checkEmbedRequest(payload));
      case 'setFile': {
        const { path, text } = payload as { path: unknown; text: unknown };
        if (typeof path !== 'string' || typeof text !== 'string')
          throw new Error('setFile(path, text) takes a file path and its new text, both strings.');
        await handlers.setFile(path, text);
        return { deployed: true };
      }
    }
  }

  if (parent !== window) {
    addEventListener('message', (event) => {
      if (event.source !== parent || !isEnvelope(event.data, 'request')) return;
      const [reply, eventsPort] = event.ports;
      if (!reply) return;
      if (event.data.type === 'connect') {
        connectedOrigin = event.origin;
        events?.close();
        events = eventsPort;
      } else if (event.origin !== connectedOrigin) {
        reply.postMessage(failureEnvelope(new Error('Connect to the embed before sending it requests.')));
        return;
      }
      answer(event.data.type, event.data.payload).then(
        (payload) => reply.postMessage(replyEnvelope(payload)),
        (error: unknown) => reply.postMessage(failureEnvelope(error)),
      );
    });
    // Nothing in it: any page that frames the embed may see it.
    parent.postMessage(readyEnvelope(), '*');
  }

  return {
    emit(event) {
      events?.postMessage(eventEnvelope(event));
    },
  };
}
