/**
 * The embed API: what a page of any site imports (`<site>/swerve-embed.js`, one ES module) to put
 * a live app in one of its elements and talk to it.
 *
 *   import { createEmbed } from 'https://swerve.example/swerve-embed.js';
 *   const embed = createEmbed(element, { app: '#v1.…', views: ['console'], editable: true });
 *   const { status, body } = await embed.send({ path: '/hello' });
 *
 * It frames the site's embed page (`/embed?…#v1.…`) and speaks embed-protocol.ts with it: it
 * listens only to that frame's window at the site's origin, posts only to that origin, and
 * takes every reply and event on ports of its own (docs/decisions/0015).
 */
import { encodeSharedApp, type SharedApp } from '../../lib/share/share-link.ts';
import { embedQuery, type EmbedTheme, type EmbedView } from '../embed-options.ts';
import {
  isEnvelope,
  requestEnvelope,
  versionMismatch,
  type EmbedEvent,
  type EmbedInfo,
  type EmbedLog,
  type EmbedReplies,
  type EmbedRequest,
  type EmbedRequests,
  type EmbedRequestType,
  type EmbedResponse,
} from './embed-protocol.ts';

export type { EmbedInfo, EmbedLog, EmbedRequest, EmbedResponse, SharedApp };

export interface EmbedOptions {
  /** The app: a SharedApp, or a share link's fragment (`v1.…`, `#v1.…`, or a whole link). */
  app: SharedApp | string;
  views?: EmbedView[];
  theme?: EmbedTheme;
  /** The first request, sent once the app runs. */
  request?: { method?: string; path: string; body?: string };
  editable?: boolean;
  /** The Swerve site that serves the embed; by default the one this module was loaded from. */
  site?: string;
  /** The frame's CSS height; `400px` by default. */
  height?: string;
  /** The frame's title, for screen readers. */
  title?: string;
}

export interface EmbedEvents {
  /** An answer the app gave, to `send` or to the embed's own console. */
  response: { request: EmbedRequest; response: EmbedResponse };
  /** A line the app logged (`console.log` is stdout), or the host said. */
  log: EmbedLog;
  /** Something went wrong in the embed: the link, a deploy, the connection. */
  error: { message: string };
}

export interface Embed {
  /** The frame, in `element`. */
  readonly frame: HTMLIFrameElement;
  /** Resolves once the app runs, with where and how; rejects if it cannot (a bad link, say). */
  readonly ready: Promise<EmbedInfo>;
  send(request: EmbedRequest | string): Promise<EmbedResponse>;
  /** Changes one file of an editable embed and redeploys; resolves once the new code serves. */
  setFile(path: string, text: string): Promise<void>;
  on<E extends keyof EmbedEvents>(type: E, listener: (detail: EmbedEvents[E]) => void): () => void;
  off<E extends keyof EmbedEvents>(type: E, listener: (detail: EmbedEvents[E]) => void): void;
  /** Removes the frame; later calls reject. */
  destroy(): void;
}

/** The origin of the site that serves this module. */
function moduleSite(): string {
  return new URL(import.meta.url).origin;
}

/** `#v1.…`, `v1.…` or `https://site/view#v1.…` → `v1.…`. */
function fragmentOf(link: string): string {
  const hash = link.indexOf('#');
  return hash >= 0 ? link.slice(hash + 1) : link;
}

/** The frame's URL: the embed page with its options, the app in the fragment. */
export function embedUrl(
  site: string,
  fragment: string,
  options: Omit<EmbedOptions, 'app' | 'site'>,
): string {
  const query = embedQuery({
    ...(options.views ? { views: options.views } : {}),
    ...(options.theme ? { theme: options.theme } : {}),
    ...(options.request
      ? {
          request: {
            method: options.request.method ?? 'GET',
            path: options.request.path,
            body: options.request.body,
          },
        }
      : {}),
    editable: options.editable ?? false,
  });
  return `${new URL(site).origin}/embed${query ? `?${query}` : ''}#${fragmentOf(fragment)}`;
}

export function createEmbed(element: Element, options: EmbedOptions): Embed {
  const site = new URL(options.site ?? moduleSite()).origin;
  const frame = document.createElement('iframe');
  frame.title = options.title ?? 'A live Swerve app';
  frame.style.width = '100%';
  frame.style.height = options.height ?? '400px';
  frame.style.border = '0';
  frame.style.display = 'block';
  // The embed's console copies curl commands and opens the full page in a tab.
  frame.allow = 'clipboard-write';

  const listeners = new Map<keyof EmbedEvents, Set<(detail: never) => void>>();
  const emit = <E extends keyof EmbedEvents>(type: E, detail: EmbedEvents[E]) => {
    for (const listener of listeners.get(type) ?? []) (listener as (d: EmbedEvents[E]) => void)(detail);
  };
  let destroyed = false;
  let stopListening = () => undefined as void;
  let eventsPort: MessagePort | undefined;

  function request<T extends EmbedRequestType>(
    type: T,
    payload: EmbedRequests[T],
    ports: MessagePort[] = [],
  ) {
    return new Promise<EmbedReplies[T]>((resolve, reject) => {
      const window = frame.contentWindow;
      if (destroyed || !window) return reject(new Error('This embed was destroyed.'));
      const channel = new MessageChannel();
      channel.port1.onmessage = (event: MessageEvent<unknown>) => {
        channel.port1.close();
        const data = event.data;
        if (!isEnvelope(data, 'reply'))
          return reject(new Error(versionMismatch(data) ?? 'The embed sent a reply this page cannot read.'));
        if (data.ok) resolve(data.payload as EmbedReplies[T]);
        else reject(new Error(data.error));
      };
      // Posted to the site's origin only: if the frame went elsewhere, the browser drops it.
      window.postMessage(requestEnvelope(type, payload), site, [channel.port2, ...ports]);
    });
  }

  const ready = new Promise<EmbedInfo>((resolve, reject) => {
    function onMessage(event: MessageEvent) {
      // Only our own frame's window, at the site's origin: no other frame can pose as the embed.
      if (event.source !== frame.contentWindow || event.origin !== site) return;
      const mismatch = versionMismatch(event.data);
      if (mismatch) return reject(new Error(mismatch));
      if (!isEnvelope(event.data, 'ready')) return;
      const events = new MessageChannel();
      eventsPort = events.port1;
      events.port1.onmessage = (message: MessageEvent<unknown>) => {
        if (!isEnvelope(message.data, 'event')) return;
        const event: EmbedEvent = message.data.event;
        if (event.type === 'response') emit('response', { request: event.request, response: event.response });
        else if (event.type === 'log') emit('log', event.log);
        else if (event.type === 'error') emit('error', { message: event.message });
      };
      request('connect', {}, [events.port2]).then(resolve, (error: unknown) => {
        emit('error', { message: error instanceof Error ? error.message : String(error) });
        reject(error instanceof Error ? error : new Error(String(error)));
      });
    }
    addEventListener('message', onMessage);
    stopListening = () => removeEventListener('message', onMessage);
  });
  // A page that never awaits `ready` still hears of failures through the `error` event.
  ready.catch(() => undefined);

  const started = (async () => {
    const fragment =
      typeof options.app === 'string' ? fragmentOf(options.app) : await encodeSharedApp(options.app);
    frame.src = embedUrl(site, fragment, options);
    element.append(frame);
  })();
  started.catch((error: unknown) =>
    emit('error', { message: error instanceof Error ? error.message : String(error) }),
  );

  function off<E extends keyof EmbedEvents>(type: E, listener: (detail: EmbedEvents[E]) => void): void {
    listeners.get(type)?.delete(listener as (detail: never) => void);
  }

  return {
    frame,
    ready,
    async send(requested) {
      await ready;
      return request('send', typeof requested === 'string' ? { path: requested } : requested);
    },
    async setFile(path, text) {
      await ready;
      await request('setFile', { path, text });
    },
    on(type, listener) {
      let set = listeners.get(type);
      if (!set) listeners.set(type, (set = new Set()));
      set.add(listener as (detail: never) => void);
      return () => off(type, listener);
    },
    off,
    destroy() {
      destroyed = true;
      stopListening();
      eventsPort?.close();
      frame.remove();
      listeners.clear();
    },
  };
}
