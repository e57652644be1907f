/**
 * The host at another origin (an app's own): a hidden frame of that origin's host page, which
 * runs the app's host and relays this page's requests to it (host-page/main.ts). Only messages
 * from that frame's window and origin are listened to, so no other document can pose as it.
 */
import { SwerveError } from '../errors.ts';
import { isEnvelope } from '../protocol/envelope.ts';
import type { HostReadyEnvelope } from '../protocol/messages.ts';
import { HOST_PAGE_PATH } from '../protocol/paths.ts';
import type { PostMessage } from './reply-channel.ts';

export interface FrameLink {
  frame: HTMLIFrameElement;
  ready: HostReadyEnvelope;
  post: PostMessage;
}

export async function linkFrame(origin: string, timeoutMs = 30_000): Promise<FrameLink> {
  const frame = document.createElement('iframe');
  frame.hidden = true;
  frame.title = `Swerve host for ${origin}`;
  frame.src = `${origin}${HOST_PAGE_PATH}?parent=${encodeURIComponent(location.origin)}`;
  const ready = new Promise<HostReadyEnvelope>((resolve, reject) => {
    const timer = setTimeout(() => {
      removeEventListener('message', onMessage);
      frame.remove();
      reject(
        new SwerveError(
          'host-unavailable',
          `The app host at ${origin} did not start within ${timeoutMs / 1000} s. Check that this site ` +
            `may drive it (the site's origins settings) and see the browser console of that frame.`,
        ),
      );
    }, timeoutMs);
    function onMessage(event: MessageEvent) {
      if (event.source !== frame.contentWindow || event.origin !== origin) return;
      if (!isEnvelope(event.data, 'ready')) return;
      clearTimeout(timer);
      removeEventListener('message', onMessage);
      resolve(event.data);
    }
    addEventListener('message', onMessage);
  });
  document.body.append(frame);
  return {
    frame,
    ready: await ready,
    post: (message, transfer) => frame.contentWindow?.postMessage(message, origin, transfer),
  };
}
