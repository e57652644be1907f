/**
 * One embedded app: the link decoded, deployed at its origin (embed-app-key.ts), its logs as they
 * stream, requests sent to it, and edits redeployed (latest wins). The embed's views and the
 * embedding page's requests (parent-channel.ts) both go through it.
 */
import { connectApp, messageOf, type HostConnection, type LogRecord } from 'swerve/client';
import runnerUrl from '../../../components/runner/dist/runner.wasm?url';
import { decodeSharedApp, encodeSharedApp, type SharedApp } from '../lib/share/share-link.ts';
import type { EmbedEvent, EmbedInfo, EmbedRequest, EmbedResponse } from './api/embed-protocol.ts';
import { embedAppKey } from './embed-app-key.ts';
import { sharedAppDeploy, usesSiteRunner } from '../lib/share/shared-app-deploy.ts';
import { preloadSiteRunner } from '../lib/deploy/site-runner-artifacts.ts';

const MAX_LOGS = 500;
const EDIT_PAUSE_MS = 300;

export interface Answer {
  request: EmbedRequest;
  response: EmbedResponse;
  contentType: string;
  bytes: Uint8Array;
  ms: number;
}

export class EmbeddedApp {
  status = $state<'opening' | 'deploying' | 'ready' | 'failed'>('opening');
  /** What went wrong, for the reader: a bad link, a failed deploy, no host. */
  error = $state('');
  app = $state<SharedApp | undefined>();
  host = $state<HostConnection | undefined>();
  logs = $state<LogRecord[]>([]);
  /** Bumped after each deploy that serves. */
  revision = $state(0);

  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- listeners, never shown
  readonly #listeners = new Set<(event: EmbedEvent) => void>();
  readonly #started: Promise<EmbedInfo>;
  /** The deploys of edits, one after another; never rejects (failures are reported). */
  #deploying = Promise.resolve();
  #edits = 0;
  #latest: Promise<void> = Promise.resolve();
  /** Edits typed but not yet deployed, by path. */
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- pending edits, never shown
  readonly #drafts = new Map<string, string>();
  #draftTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    readonly fragment: string,
    readonly editable: boolean,
  ) {
    this.#started = this.#start();
    this.#started.catch(() => undefined);
  }

  /** Resolves once the app first serves. */
  ready(): Promise<EmbedInfo> {
    return this.#started;
  }

  onEvent(listener: (event: EmbedEvent) => void): void {
    this.#listeners.add(listener);
  }

  #emit(event: EmbedEvent): void {
    for (const listener of this.#listeners) listener(event);
  }

  #fail(error: unknown): never {
    const message = messageOf(error);
    this.error = message;
    this.status = 'failed';
    this.#emit({ type: 'error', message });
    throw new Error(message);
  }

  async #start(): Promise<EmbedInfo> {
    let app: SharedApp;
    try {
      app = await decodeSharedApp(this.fragment);
    } catch (error) {
      this.#fail(error);
    }
    this.app = app;
    if (usesSiteRunner(app)) preloadSiteRunner();
    let host: HostConnection;
    try {
      host = await connectApp(await embedAppKey(this.fragment.replace(/^#/, ''), this.editable));
    } catch (error) {
      this.#fail(error);
    }
    this.host = host;
    host.subscribe((event) => {
      if (event.type !== 'log') return;
      this.logs = [...this.logs, event.record].slice(-MAX_LOGS);
      const { source, level, message } = event.record;
      this.#emit({ type: 'log', log: { source, level, message } });
    });
    this.status = 'deploying';
    // The seed is written once: reopening a read-only link keeps the data its copy has.
    const seed = (await host.apps()).length === 0;
    try {
      await this.#deploy(app, seed);
    } catch (error) {
      this.#fail(error);
    }
    return {
      origin: host.origin,
      mode: host.mode,
      ...(host.documentsUnavailable ? { documentsUnavailable: host.documentsUnavailable } : {}),
      editable: this.editable,
      app: (await host.apps())[0]?.name ?? app.name,
    };
  }

  async #deploy(app: SharedApp, seed: boolean): Promise<void> {
    const host = this.host!;
    this.status = 'deploying';
    // The runner's URL is fetched only if the site publishes no transpiled runner to name instead.
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a local, not state
    const runnerFile = async () => new URL(runnerUrl, location.href).href;
    await host.deploy(await sharedAppDeploy(app, { runnerFile, seed }));
    this.error = '';
    this.status = 'ready';
    this.revision++;
  }

  /**
   * An edit in the code view: deployed once typing pauses (a request sent before then deploys
   * it first, so it is answered by the code the reader sees).
   */
  edit(path: string, text: string): void {
    clearTimeout(this.#draftTimer);
    this.#drafts.set(path, text);
    this.#draftTimer = setTimeout(() => this.#flushDrafts(), EDIT_PAUSE_MS);
  }

  #flushDrafts(): void {
    clearTimeout(this.#draftTimer);
    const drafts = [...this.#drafts];
    this.#drafts.clear();
    // Failures are reported by setFile (the error banner and the `error` event).
    for (const [path, text] of drafts) void this.setFile(path, text).catch(() => undefined);
  }

  /** Sends `request` to the app; every answer is also an event for the embedding page. */
  async send(request: EmbedRequest): Promise<Answer> {
    await this.#started;
    this.#flushDrafts();
    // A request waits for the edit before it, so it is answered by the code the reader sees.
    await this.#deploying;
    const method = (request.method ?? 'GET').toUpperCase();
    const started = performance.now();
    const result = await this.host!.fetch(request.path, {
      method,
      headers: request.headers ?? {},
      body: method === 'GET' || method === 'HEAD' ? undefined : request.body,
    });
    const bytes = new Uint8Array(await result.arrayBuffer());
    const response: EmbedResponse = {
      status: result.status,
      headers: Object.fromEntries(result.headers),
      body: new TextDecoder().decode(bytes),
    };
    const answer = {
      request: { ...request, method },
      response,
      contentType: result.headers.get('content-type') ?? '',
      bytes,
      ms: performance.now() - started,
    };
    this.#emit({ type: 'response', request: answer.request, response });
    return answer;
  }

  /**
   * Changes one text file and redeploys; resolves once a version with this change serves. Edits
   * that come while a deploy runs wait, and only the last of them deploys (latest wins).
   */
  setFile(path: string, text: string): Promise<void> {
    if (!this.editable)
      return Promise.reject(
        new Error(
          'This embed is read-only: its code cannot be changed. Embed it with editable=1 (editable: true) to allow edits.',
        ),
      );
    const app = this.app;
    if (!app) return Promise.reject(new Error(this.error || 'The app is not open yet.'));
    const current = app.files[path];
    if (current !== undefined && typeof current !== 'string')
      return Promise.reject(new Error(`${path} is not a text file: only text files can be set.`));
    this.app = { ...app, files: { ...app.files, [path]: text } };
    const edit = ++this.#edits;
    const deploy = this.#deploying.then(async () => {
      // A later edit is waiting: its deploy carries this change too.
      if (edit !== this.#edits) return;
      await this.#started;
      await this.#deploy($state.snapshot(this.app) as SharedApp, false);
    });
    this.#deploying = deploy.catch((error: unknown) => {
      const message = messageOf(error);
      this.error = message;
      this.status = 'failed';
      this.#emit({ type: 'error', message });
    });
    const served: Promise<void> = deploy.then(() => (edit === this.#edits ? undefined : this.#latest));
    this.#latest = served;
    return served;
  }

  /** The app as it is now (with its edits), as a share link's fragment. */
  currentFragment(): Promise<string> {
    return this.app
      ? encodeSharedApp($state.snapshot(this.app) as SharedApp)
      : Promise.resolve(this.fragment);
  }
}
