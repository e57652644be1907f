/**
 * One embedded app: the link decoded and run through an AppSession at its origin
 * (embed-app-key.ts), as the playground's editor and viewer run theirs; its edits redeployed
 * (latest wins), and what happens told to the embedding page as events. The embed's views and the
 * embedding page's requests (parent-channel.ts) both go through it.
 */
import { messageOf } from 'swerve/client';
import runnerUrl from '../../../components/runner/dist/runner.wasm?url';
import { decodeSharedApp, encodeSharedApp, type SharedApp } from '../lib/share/share-link.ts';
import { sharedToDeploy } from '../lib/deploy/app-to-deploy.ts';
import { preloadSiteRunner } from '../lib/deploy/site-runner-artifacts.ts';
import { usesSiteRunner } from '../lib/share/shared-app.ts';
import { AppSession } from '../lib/state/AppSession.svelte.ts';
import type { EmbedEvent, EmbedInfo, EmbedRequest, EmbedResponse } from './api/embed-protocol.ts';
import { embedAppKey } from './embed-app-key.ts';

export interface Answer {
  request: EmbedRequest;
  response: EmbedResponse;
  contentType: string;
  bytes: Uint8Array;
  ms: number;
}

export class EmbeddedApp {
  app = $state<SharedApp | undefined>();
  session = $state<AppSession | undefined>();
  /** Why the link could not be opened (before any session): a bad link. */
  #openError = $state('');

  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- listeners, never shown
  readonly #listeners = new Set<(event: EmbedEvent) => void>();
  readonly #started: Promise<EmbedInfo>;
  /** Edits typed but not yet deployed, by path: folded into `app` when a deploy takes it. */
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- pending edits, never shown
  readonly #drafts = new Map<string, string>();

  constructor(
    readonly fragment: string,
    readonly editable: boolean,
  ) {
    this.#started = this.#start();
    this.#started.catch(() => undefined);
  }

  get status(): 'opening' | 'deploying' | 'ready' | 'failed' {
    const status = this.session?.status;
    if (this.#openError || status === 'offline') return 'failed';
    if (!status || status === 'connecting') return 'opening';
    // Connected, the first version not serving yet.
    if (status === 'ready' && this.revision === 0) return 'deploying';
    return status;
  }

  /** What went wrong, for the reader: a bad link, a failed deploy, no host. */
  get error(): string {
    return this.#openError || this.session?.connectError || this.session?.failure?.message || '';
  }

  get host() {
    return this.session?.host;
  }

  get logs() {
    return this.session?.logs ?? [];
  }

  /** Bumped after each deploy that serves. */
  get revision(): number {
    return this.session?.version ?? 0;
  }

  clearLogs(): void {
    this.session?.clearLogs();
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

  async #start(): Promise<EmbedInfo> {
    let key: string;
    try {
      this.app = await decodeSharedApp(this.fragment);
      // The runner's download starts now, while the app's origin starts its host.
      if (usesSiteRunner(this.app)) preloadSiteRunner();
      key = await embedAppKey(this.fragment.replace(/^#/, ''), this.editable);
    } catch (error) {
      const message = messageOf(error);
      this.#openError = message;
      this.#emit({ type: 'error', message });
      throw new Error(message, { cause: error });
    }
    const session = new AppSession(key, {
      app: () => this.#current(),
      onLog: ({ source, level, message }) => this.#emit({ type: 'log', log: { source, level, message } }),
      onFailure: (message) => this.#emit({ type: 'error', message }),
    });
    this.session = session;
    await session.deployNow();
    const host = session.host!;
    return {
      origin: host.origin,
      mode: host.mode,
      ...(host.documentsUnavailable ? { documentsUnavailable: host.documentsUnavailable } : {}),
      editable: this.editable,
      app: session.appName ?? this.app!.name,
    };
  }

  /** The app with every edit so far, as the session deploys it. */
  #current() {
    if (this.#drafts.size) {
      this.app = { ...this.app!, files: { ...this.app!.files, ...Object.fromEntries(this.#drafts) } };
      this.#drafts.clear();
    }
    // The runner's URL is fetched only if the site publishes no transpiled runner to name instead.
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a local, not state
    const runnerFile = async () => new URL(runnerUrl, location.href).href;
    return sharedToDeploy($state.snapshot(this.app) as SharedApp, runnerFile);
  }

  /**
   * An edit in the code view: deployed once typing pauses (a request sent before then deploys
   * it first, so it is answered by the code the reader sees).
   */
  edit(path: string, text: string): void {
    if (!this.editable) return;
    this.#drafts.set(path, text);
    this.session?.edited(true);
  }

  /** Sends `request` to the app; every answer is also an event for the embedding page. */
  async send(request: EmbedRequest): Promise<Answer> {
    await this.#started;
    const method = (request.method ?? 'GET').toUpperCase();
    // The whole answer goes to the embedding page: the host already caps what an app may answer.
    const exchange = await this.session!.exchange({ ...request, method }, Number.POSITIVE_INFINITY);
    const response: EmbedResponse = {
      status: exchange.status,
      headers: Object.fromEntries(exchange.headers),
      body: new TextDecoder().decode(exchange.bytes),
    };
    const answer = {
      request: { ...request, method },
      response,
      contentType: exchange.contentType,
      bytes: exchange.bytes,
      ms: exchange.ms,
    };
    this.#emit({ type: 'response', request: answer.request, response });
    return answer;
  }

  /**
   * Changes one text file and redeploys; resolves once a version with this change serves. Edits
   * that come while a deploy runs wait, and only the last of them deploys (latest wins).
   */
  async setFile(path: string, text: string): Promise<void> {
    if (!this.editable)
      throw new Error(
        'This embed is read-only: its code cannot be changed. Embed it with editable=1 (editable: true) to allow edits.',
      );
    const app = this.app;
    if (!app) throw new Error(this.error || 'The app is not open yet.');
    const current = app.files[path];
    if (current !== undefined && typeof current !== 'string')
      throw new Error(`${path} is not a text file: only text files can be set.`);
    this.#drafts.delete(path);
    this.app = { ...app, files: { ...app.files, [path]: text } };
    await this.#started;
    this.session!.edited(false);
    await this.session!.deployNow();
  }

  /** The app as it is now (with its edits), as a share link's fragment. */
  currentFragment(): Promise<string> {
    return this.app
      ? encodeSharedApp($state.snapshot(this.app) as SharedApp)
      : Promise.resolve(this.fragment);
  }
}
