/**
 * An app in the playground, in one place, whichever face shows it (the editor, an embed, the
 * viewer): the connection to its origin's host, its deploys (one at a time; while one runs only
 * the newest waiting edit is kept: latest wins), the version serving, the answer on screen and
 * the request that got it, and what the host reports (log lines and request records as they
 * stream, kept as raw ring buffers; the deploy error if the last deploy failed; the last good
 * version keeps serving). One session per app: switching projects closes it, so no project ever
 * shows another's answer.
 *
 * Seeds (a link's key-value and SQLite data) are written once: with the first deploy that serves
 * at an origin where nothing was deployed before, never with a redeploy, nor when a link reopens
 * at an origin that already has its data.
 *
 * The live loop: each successful deploy re-sends the source's live request when it is a GET
 * (a request with side effects is never re-sent silently).
 */
import {
  connectApp,
  messageOf,
  SwerveError,
  type DeployResult,
  type HostConnection,
  type LogRecord,
  type RequestRecord,
} from 'swerve/client';
import { deployDiagnostics, type Diagnostic } from '../manifest/deploy-diagnostics.ts';
import { describeDiagnostic } from '../syntax/javascript-syntax.ts';
import { prepareRunnerModules } from '../syntax/runner-modules.ts';
import { MANIFEST_PATH, type ProjectFile } from '../project/project.ts';
import { deployOptionsOf, type AppToDeploy } from '../deploy/app-to-deploy.ts';
import { KV_DUMP_FORMAT } from '../share/kv-dump-format.ts';
import { hasBody, normaliseRequestPath, parseHeaders, type RequestSpec } from '../request/request-spec.ts';
import { MAX_SHOWN_BODY_BYTES, showBody } from '../request/response-body.ts';
import type { Answer } from '../request/answer.ts';
import { readUpTo } from '../bytes/read-capped.ts';

const MAX_RECORDS = 2000;
/**
 * How long log lines and request records gather before they show: a burst (a loop that logs, a
 * page of requests) becomes one new list instead of one copy of the whole list per line.
 */
const RECORDS_FLUSH_MS = 50;
/** The answers a session keeps for History's inspector (one per History entry would do; a few more cost little). */
const MAX_EXCHANGES = 100;
/** How long an edit waits for the next keystroke before it deploys. */
export const DEPLOY_DELAY_MS = 400;

export interface DeployFailure {
  message: string;
  code: string;
  diagnostics: Diagnostic[];
}

export interface SessionSource {
  /** The app as it is now (its files, variables and seeds); undefined: nothing to deploy. */
  app(): AppToDeploy | undefined;
  /** The request the live loop sends again after each deploy (only ever a GET); none: no live loop. */
  liveRequest?(): RequestSpec | undefined;
  /** The answer shown last, before this session (a reload). */
  kept?: Answer;
  /**
   * Take up what an earlier page left at this origin: the version serving (until the first
   * deploy), its log lines and request records. The editor does, after a reload.
   */
  resume?: boolean;
  /** Each log line as it comes. */
  onLog?(record: LogRecord): void;
  /** Each failed deploy (or a connection that failed), with why. */
  onFailure?(message: string): void;
}

/** A request to send: the console's (headers as lines of `name: value`), or an embedding page's. */
export interface SessionRequest {
  method: string;
  path: string;
  headers?: string | Record<string, string>;
  body?: string;
}

/** An answer as it came from the app: the body read up to a ceiling. */
export interface Exchange {
  status: number;
  statusText: string;
  headers: [string, string][];
  contentType: string;
  bytes: Uint8Array;
  /** The body was longer than the ceiling: only its start was read. */
  truncated: boolean;
  ms: number;
  /** The version that answered, and the edits it was built from. */
  version: number;
  edits: number;
  /** The id of the host's last request record before this request was sent. */
  recordsBefore: number;
}

/** `older` then `newer`, as a new list of at most MAX_RECORDS (the newest). */
function capped<T>(older: readonly T[], newer: readonly T[]): T[] {
  const keep = Math.max(0, MAX_RECORDS - newer.length);
  return [...older.slice(older.length - Math.min(keep, older.length)), ...newer.slice(-MAX_RECORDS)];
}

/** A promise of a deploy that serves `edits` or more. */
interface Waiter {
  edits: number;
  resolve: () => void;
  reject: (error: Error) => void;
}

/** The app's files as much of a project as the syntax check and the TypeScript stripping read. */
function filesOf(app: AppToDeploy): { files: ProjectFile[] } {
  return {
    files: [
      { path: MANIFEST_PATH, kind: 'text', text: app.manifest },
      ...app.files.map((file): ProjectFile =>
        'text' in file
          ? { path: file.path, kind: 'text', text: file.text }
          : { path: file.path, kind: 'binary', hash: file.hash ?? '', size: file.size ?? 0 },
      ),
    ],
  };
}

export class AppSession {
  status = $state<'connecting' | 'deploying' | 'ready' | 'failed' | 'offline'>('connecting');
  connectError = $state('');
  /** The version serving now (the last good deploy). */
  deployed = $state<DeployResult | undefined>();
  deployMs = $state(0);
  failure = $state<DeployFailure | undefined>();
  /** Successful deploys in this session: the number of the version serving. */
  version = $state(0);
  /** Edits made in this session; `deployedEdits` of them are in the version serving. */
  edits = $state(0);
  deployedEdits = $state(0);
  /** The answer on screen, or why there is none. */
  answer = $state.raw<Answer | undefined>();
  answerError = $state('');
  /** Why the last deploy did not re-send the request (a POST, say), shown with the stale answer. */
  notResent = $state('');
  sending = $state(false);
  logs = $state.raw<LogRecord[]>([]);
  requests = $state.raw<RequestRecord[]>([]);
  /** Every answer of this session, oldest first, with its record once it came: History inspects them. */
  exchanges = $state.raw<Answer[]>([]);
  /** Bumped after anything that may have changed the app's key-value data. */
  kvRevision = $state(0);
  host = $state<HostConnection | undefined>();

  #connecting: Promise<HostConnection>;
  /** Nothing was deployed at this origin when the session connected: the app's seeds go in. */
  #fresh: Promise<boolean>;
  /** The seeds were written (or are never to be). */
  #seeded = false;
  #waiting: { app: AppToDeploy; edits: number } | undefined;
  #running = false;
  /** Settles when the deploys asked for so far are done (never rejects). */
  #drained: Promise<void> = Promise.resolve();
  /** The edits the last deploy asked for included (deployed or failed). */
  #askedEdits = 0;
  #deployTimer: ReturnType<typeof setTimeout> | undefined;
  #waiters: Waiter[] = [];
  /** Sends waiting for a deploy to finish. */
  #sendsWaiting = 0;
  /** Counts sends, so only the latest one's answer (and late record) is shown. */
  #sends = 0;
  /** Records come since the last flush, shown together after RECORDS_FLUSH_MS. */
  #gathered: { logs: LogRecord[]; requests: RequestRecord[] } | undefined;
  #unsubscribe: (() => void) | undefined;
  #closed = false;

  constructor(
    readonly key: string,
    private readonly source: SessionSource,
    connect: (key: string) => Promise<HostConnection> = connectApp,
  ) {
    this.answer = source.kept;
    this.#connecting = connect(key);
    this.#fresh = this.#connecting.then((host) => host.apps()).then((apps) => apps.length === 0);
    this.#fresh.catch(() => undefined);
    this.#connecting.then(
      (host) => {
        if (this.#closed) return host.close();
        this.host = host;
        this.status = 'ready';
        this.#unsubscribe = host.subscribe((event) => {
          if (event.type === 'log') {
            this.#gather().logs.push(event.record);
            this.source.onLog?.(event.record);
          } else {
            this.#gather().requests.push(event.record);
            this.kvRevision++;
          }
        });
        if (source.resume) void this.#resume(host);
      },
      (error: unknown) => {
        this.status = 'offline';
        this.connectError = messageOf(error);
        this.source.onFailure?.(this.connectError);
        this.#settle(Number.MAX_SAFE_INTEGER, new Error(this.connectError));
      },
    );
  }

  /** The app's name once deployed: its key-value stores are the app's. */
  get appName(): string | undefined {
    return this.deployed?.app.name;
  }

  /** The answer came from code that has changed since (deployed or not yet). */
  get stale(): boolean {
    return !!this.answer && this.answer.edits !== this.edits;
  }

  /** The app changed: deploy it after DEPLOY_DELAY_MS, or only when asked (`deploy`). */
  edited(deployOnEdit: boolean): void {
    this.edits++;
    clearTimeout(this.#deployTimer);
    if (deployOnEdit) this.#deployTimer = setTimeout(() => this.deploy(), DEPLOY_DELAY_MS);
  }

  /** Deploys the app as it is now, once the deploy in progress, if any, is done. */
  deploy(): void {
    clearTimeout(this.#deployTimer);
    let app: AppToDeploy | undefined;
    try {
      app = this.source.app();
    } catch (error) {
      // An app that cannot even be read (a link without its manifest): nothing to deploy.
      const message = messageOf(error);
      this.#failed({ message, code: 'failed', diagnostics: [] });
      this.#settle(this.edits, new Error(message));
      return;
    }
    if (!app) return;
    this.#askedEdits = this.edits;
    this.#waiting = { app, edits: this.edits };
    if (!this.#running) this.#drained = this.#drain();
  }

  /**
   * Deploys the app as it is now; resolves once a version with every edit so far serves (or a
   * later one), rejects with why not (the deploy failed, the host cannot be reached).
   */
  deployNow(): Promise<void> {
    const served = new Promise<void>((resolve, reject) =>
      this.#waiters.push({ edits: this.edits, resolve, reject }),
    );
    if (this.connectError) this.#settle(Number.MAX_SAFE_INTEGER, new Error(this.connectError));
    else this.deploy();
    return served;
  }

  /**
   * Sends `request` to the version with every edit so far (an edit still waiting to deploy is
   * deployed first, so the old version never answers in its place) and reads its answer, at most
   * `maxBytes` of its body. Throws when nothing serves.
   */
  async exchange(request: SessionRequest, maxBytes = MAX_SHOWN_BODY_BYTES): Promise<Exchange> {
    // Edits not yet asked to deploy (waiting for a pause in typing, or for Run): deploy them now.
    // Edits whose deploy failed are not tried again: the last good version answers, marked stale.
    // The deploys this send waits for do not re-send by themselves: this send follows them.
    this.#sendsWaiting++;
    if (this.#askedEdits !== this.edits) this.deploy();
    await this.#drained.finally(() => this.#sendsWaiting--);
    const host = await this.#connecting;
    if (!this.deployed)
      throw new Error(
        this.failure
          ? 'Nothing is deployed yet: the project did not deploy (the Deploy panel says why). Fix it, and send again.'
          : 'Nothing is deployed yet.',
      );
    const version = this.version;
    const edits = this.deployedEdits;
    this.#flush();
    const recordsBefore = this.requests.at(-1)?.id ?? 0;
    const started = performance.now();
    const response = await host.fetch(normaliseRequestPath(request.path), {
      method: request.method,
      headers: typeof request.headers === 'string' ? parseHeaders(request.headers) : (request.headers ?? {}),
      body: hasBody(request.method) && request.body ? request.body : undefined,
    });
    const { bytes, truncated } = response.body
      ? await readUpTo(response.body, maxBytes)
      : { bytes: new Uint8Array(), truncated: false };
    return {
      status: response.status,
      statusText: response.statusText,
      headers: [...response.headers],
      contentType: response.headers.get('content-type') ?? '',
      bytes,
      truncated,
      ms: performance.now() - started,
      version,
      edits,
      recordsBefore,
    };
  }

  /**
   * Sends `request` (as `exchange` does) and shows its answer, then the host's record of it. True
   * once it answered.
   */
  async send(request: RequestSpec, resent = false): Promise<boolean> {
    const sent = ++this.#sends;
    this.sending = true;
    try {
      let exchange: Exchange;
      try {
        exchange = await this.exchange(request);
      } catch (error) {
        if (!this.deployed && sent === this.#sends) this.answer = undefined;
        throw error;
      }
      if (sent !== this.#sends || this.#closed) return false;
      // The answer shows first; the host's record of the request (its timings) follows it.
      const answer: Answer = {
        request,
        status: exchange.status,
        statusText: exchange.statusText,
        headers: exchange.headers,
        body: showBody(exchange.contentType, exchange.bytes, exchange.truncated),
        ms: exchange.ms,
        at: Date.now(),
        version: exchange.version,
        edits: exchange.edits,
        resent,
      };
      this.answer = answer;
      this.#keepExchange(answer);
      this.answerError = '';
      this.notResent = '';
      this.sending = false;
      const path = normaliseRequestPath(request.path);
      const records = await this.host!.requests(exchange.recordsBefore);
      const record = records.findLast(
        (r) => r.method === request.method && path.startsWith(r.path.split('?')[0]!),
      );
      if (record && !this.#closed) this.#keepExchange({ ...answer, record });
      if (sent === this.#sends && record && !this.#closed) this.answer = { ...answer, record };
      return true;
    } catch (error) {
      if (sent === this.#sends) this.answerError = messageOf(error);
      return false;
    } finally {
      if (sent === this.#sends) this.sending = false;
    }
  }

  /** Keeps `answer` (or its newer form, with its record) among this session's exchanges. */
  #keepExchange(answer: Answer): void {
    this.exchanges = [...this.exchanges.filter((a) => a.at !== answer.at), answer].slice(-MAX_EXCHANGES);
  }

  clearLogs(): void {
    this.#flush();
    this.logs = [];
  }

  #gather(): { logs: LogRecord[]; requests: RequestRecord[] } {
    if (!this.#gathered) {
      this.#gathered = { logs: [], requests: [] };
      setTimeout(() => this.#flush(), RECORDS_FLUSH_MS);
    }
    return this.#gathered;
  }

  /** Shows the records gathered so far: the newest MAX_RECORDS of each kind are kept. */
  #flush(): void {
    const gathered = this.#gathered;
    this.#gathered = undefined;
    if (!gathered || this.#closed) return;
    if (gathered.logs.length) this.logs = capped(this.logs, gathered.logs);
    if (gathered.requests.length) this.requests = capped(this.requests, gathered.requests);
  }

  close(): void {
    this.#closed = true;
    clearTimeout(this.#deployTimer);
    this.#unsubscribe?.();
    this.host?.close();
    this.#settle(Number.MAX_SAFE_INTEGER, new Error('The app was closed.'));
  }

  /** Settles the waiters for `edits` or fewer: served, or failed with `error`. */
  #settle(edits: number, error?: Error): void {
    const settled = this.#waiters.filter((w) => w.edits <= edits);
    this.#waiters = this.#waiters.filter((w) => w.edits > edits);
    for (const waiter of settled) {
      if (error) waiter.reject(error);
      else waiter.resolve();
    }
  }

  async #resume(host: HostConnection): Promise<void> {
    // After a reload, the version deployed before keeps serving until the first run.
    const [apps, requests, logs] = await Promise.all([host.apps(), host.requests(), host.logs()]);
    if (!this.deployed && apps[0]) this.deployed = { app: apps[0], warnings: [] };
    this.requests = capped(requests, this.requests);
    this.logs = capped(logs, this.logs);
  }

  async #drain(): Promise<void> {
    this.#running = true;
    try {
      const host = await this.#connecting;
      while (this.#waiting && !this.#closed) {
        const { app, edits } = this.#waiting;
        this.#waiting = undefined;
        if (await this.#deploy(host, app)) {
          this.deployedEdits = edits;
          this.version++;
          this.#settle(edits);
          if (!this.#sendsWaiting) this.#resend();
        } else this.#settle(edits, new Error(this.failure?.message ?? 'The app was closed.'));
      }
    } catch {
      // The connection failed: `connectError` says why.
    } finally {
      this.#running = false;
    }
  }

  /** After a deploy: the live request again, if it is a GET. */
  #resend(): void {
    const request = this.source.liveRequest?.();
    if (!request) return;
    if (request.method === 'GET') void this.send(request, true);
    else if (this.answer)
      this.notResent = `A ${request.method} is not re-sent by itself: it may change data. Send it again to see this version's answer.`;
  }

  #failed(failure: DeployFailure): void {
    this.failure = failure;
    this.status = 'failed';
    this.source.onFailure?.(failure.message);
  }

  /** Deploys `app`; true when it is the version serving now. */
  async #deploy(host: HostConnection, app: AppToDeploy): Promise<boolean> {
    // A handler that does not parse is not deployed: the last good version keeps serving.
    const { diagnostics: syntaxErrors, outputs } = await prepareRunnerModules(filesOf(app));
    if (this.#closed) return false;
    if (syntaxErrors.length) {
      this.#failed({
        message: syntaxErrors.map(describeDiagnostic).join('\n'),
        code: 'syntax',
        diagnostics: syntaxErrors,
      });
      return false;
    }
    this.status = 'deploying';
    const started = performance.now();
    try {
      const seed = !this.#seeded && (await this.#fresh);
      const options = await deployOptionsOf(app, {
        ...(this.deployed ? { name: this.deployed.app.name } : {}),
        outputs,
        seedSqlite: seed,
      });
      const result = await host.deploy(options);
      if (seed) await this.#seedKeyValues(host, result, app);
      this.#seeded = true;
      if (this.#closed) return false;
      this.deployed = result;
      this.failure = undefined;
      this.deployMs = performance.now() - started;
      this.status = 'ready';
      this.kvRevision++;
      return true;
    } catch (error) {
      if (this.#closed) return false;
      const message = messageOf(error);
      this.#failed({
        message,
        code: error instanceof SwerveError ? error.code : 'failed',
        diagnostics: deployDiagnostics(message, MANIFEST_PATH),
      });
      return false;
    }
  }

  /** The key-value seed, into the stores that are empty (a store the app wrote to keeps its data). */
  async #seedKeyValues(host: HostConnection, deployed: DeployResult, app: AppToDeploy): Promise<void> {
    for (const [label, entries] of Object.entries(app.seeds?.kv ?? {})) {
      const store = host.kv(deployed.app.name, label);
      if ((await store.keys()).length === 0) await store.import({ format: KV_DUMP_FORMAT, entries });
    }
  }
}
