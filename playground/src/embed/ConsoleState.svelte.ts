/**
 * The embed's request console: the request being written and the last answer, kept while the
 * reader switches views (the console and the code view show the same one).
 */
import { MAX_SHOWN_BODY_BYTES, showBody, type ShownBody } from '../lib/request/response-body.ts';
import type { EmbedRequestOption } from './embed-options.ts';
import type { EmbeddedApp } from './EmbeddedApp.svelte.ts';

export interface ShownAnswer {
  status: number;
  ok: boolean;
  ms: number;
  contentType: string;
  body: ShownBody;
}

export class ConsoleState {
  method = $state('GET');
  path = $state('/');
  body = $state('');
  sending = $state(false);
  answer = $state<ShownAnswer | undefined>();
  error = $state('');
  /** Why the first request waits for the reader (Embed.svelte), until a request is sent. */
  notice = $state('');

  constructor(
    private readonly app: EmbeddedApp,
    first: EmbedRequestOption,
  ) {
    this.method = first.method;
    this.path = first.path;
    this.body = first.body ?? '';
  }

  get hasBody(): boolean {
    return this.method !== 'GET' && this.method !== 'HEAD';
  }

  async send(): Promise<void> {
    if (this.sending) return;
    this.sending = true;
    this.error = '';
    this.notice = '';
    const path = this.path.startsWith('/') ? this.path : `/${this.path}`;
    try {
      const answer = await this.app.send({
        method: this.method,
        path,
        ...(this.hasBody && this.body ? { body: this.body } : {}),
      });
      this.answer = {
        status: answer.response.status,
        ok: answer.response.status < 400,
        ms: answer.ms,
        contentType: answer.contentType,
        // The embedding page's API gets the whole answer (the host caps it); the console shows
        // at most MAX_SHOWN_BODY_BYTES of it, as the playground and the viewer do.
        body: showBody(
          answer.contentType,
          answer.bytes.subarray(0, MAX_SHOWN_BODY_BYTES),
          answer.bytes.length > MAX_SHOWN_BODY_BYTES,
        ),
      };
    } catch (error) {
      this.error = error instanceof Error ? error.message : String(error);
    } finally {
      this.sending = false;
    }
  }
}
