/**
 * The open project's app, in one place: the connection to its origin's host, its deploys (one at
 * a time; while one runs only the newest waiting edit is kept: latest wins), the version serving,
 * the answer on screen and the request that got it, and what the host reports (log lines and
 * request records as they stream, the deploy error if the last deploy failed; the last good
 * version keeps serving). One session per open project: switching projects closes it, so no
 * project ever shows another's answer.
 *
 * The live loop: each successful deploy re-sends the project's current request when it is a GET
 * (a request with side effects is never re-sent silently) and the project has not turned that off.
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
import { summariseManifest } from '../manifest/manifest-summary.ts';
import { describeDiagnostic } from '../syntax/javascript-syntax.ts';
import { prepareRunnerModules } from '../syntax/runner-modules.ts';
import { manifestOf, MANIFEST_PATH, type Project, type ProjectFile } from '../project/project.ts';
import { siteRunnerArtifacts, withSiteRunner } from '../deploy/site-runner-artifacts.ts';
import { siteRunner } from '../share/site-runner.ts';
import { hasBody, normaliseRequestPath, parseHeaders, type RequestSpec } from '../request/request-spec.ts';
import { MAX_SHOWN_BODY_BYTES, showBody } from '../request/response-body.ts';
import type { Answer } from '../request/answer.ts';
import { readUpTo } from '../bytes/read-capped.ts';

const MAX_RECORDS = 2000;
/** The answers a session keeps for History's inspector (one per History entry would do; a few more cost little). */
const MAX_EXCHANGES = 100;
/** How long an edit waits for the next keystroke before it deploys. */
export const DEPLOY_DELAY_MS = 400;

export interface DeployFailure {
  message: string;
  code: string;
  diagnostics: Diagnostic[];
}

/** What a deploy needs of the workspace: a project's binary files' bytes. */
export type BytesOf = (file: Extract<ProjectFile, { kind: 'binary' }>) => Promise<Uint8Array>;

export interface SessionSource {
  bytesOf: BytesOf;
  /** A snapshot of the project as it is now (its files, its request, its switches). */
  project(): Project | undefined;
  /** The answer the project showed last, before this session (a reload). */
  kept?: Answer;
}

/**
 * The hash of the site's runner when `project` holds a file of its size (the JavaScript
 * templates do), so recognising it costs nothing for other projects.
 */
async function siteRunnerHash(project: Project): Promise<string | undefined> {
  const published = await siteRunnerArtifacts();
  if (!published) return undefined;
  const candidate = project.files.some((f) => f.kind === 'binary' && f.size === published.componentBytes);
  return candidate ? (await siteRunner()).hash : undefined;
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
  #waiting: { project: Project; edits: number } | undefined;
  #running = false;
  /** Settles when the deploys asked for so far are done (never rejects). */
  #drained: Promise<void> = Promise.resolve();
  /** The edits the last deploy asked for included (deployed or failed). */
  #askedEdits = 0;
  #deployTimer: ReturnType<typeof setTimeout> | undefined;
  /** Sends waiting for a deploy to finish. */
  #sendsWaiting = 0;
  /** Counts sends, so only the latest one's answer (and late record) is shown. */
  #sends = 0;
  #unsubscribe: (() => void) | undefined;
  #closed = false;

  constructor(
    readonly key: string,
    private readonly source: SessionSource,
    connect: (key: string) => Promise<HostConnection> = connectApp,
  ) {
    this.answer = source.kept;
    this.#connecting = connect(key);
    this.#connecting.then(
      (host) => {
        if (this.#closed) return host.close();
        this.host = host;
        this.status = 'ready';
        this.#unsubscribe = host.subscribe((event) => {
          if (event.type === 'log') this.logs = [...this.logs, event.record].slice(-MAX_RECORDS);
          else {
            this.requests = [...this.requests, event.record].slice(-MAX_RECORDS);
            this.kvRevision++;
          }
        });
        void this.#loadDeployed(host);
      },
      (error: unknown) => {
        this.status = 'offline';
        this.connectError = error instanceof Error ? error.message : String(error);
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

  /** The project changed: deploy it after DEPLOY_DELAY_MS, or only when asked (`deploy`). */
  edited(deployOnEdit: boolean): void {
    this.edits++;
    clearTimeout(this.#deployTimer);
    if (deployOnEdit) this.#deployTimer = setTimeout(() => this.deploy(), DEPLOY_DELAY_MS);
  }

  /** Deploys the project as it is now, once the deploy in progress, if any, is done. */
  deploy(): void {
    clearTimeout(this.#deployTimer);
    const project = this.source.project();
    if (!project) return;
    this.#askedEdits = this.edits;
    this.#waiting = { project, edits: this.edits };
    if (!this.#running) this.#drained = this.#drain();
  }

  /**
   * Sends `request` to the version with every edit so far: an edit still waiting to deploy is
   * deployed first, so the old version never answers in its place. True once it answered.
   */
  async send(request: RequestSpec, resent = false): Promise<boolean> {
    const sent = ++this.#sends;
    this.sending = true;
    try {
      // Edits not yet asked to deploy (waiting for a pause in typing, or for Run): deploy them now.
      // Edits whose deploy failed are not tried again: the last good version answers, marked stale.
      // The deploys this send waits for do not re-send by themselves: this send follows them.
      this.#sendsWaiting++;
      if (this.#askedEdits !== this.edits) this.deploy();
      await this.#drained.finally(() => this.#sendsWaiting--);
      const host = await this.#connecting;
      if (!this.deployed) {
        this.answer = undefined;
        this.answerError = this.failure
          ? 'Nothing is deployed yet: the project did not deploy (the Deploy panel says why). Fix it, and send again.'
          : 'Nothing is deployed yet.';
        return false;
      }
      const version = this.version;
      const edits = this.deployedEdits;
      const path = normaliseRequestPath(request.path);
      const lastId = this.requests.at(-1)?.id ?? 0;
      const started = performance.now();
      const response = await host.fetch(path, {
        method: request.method,
        headers: parseHeaders(request.headers),
        body: hasBody(request.method) && request.body ? request.body : undefined,
      });
      const { bytes, truncated } = response.body
        ? await readUpTo(response.body, MAX_SHOWN_BODY_BYTES)
        : { bytes: new Uint8Array(), truncated: false };
      if (sent !== this.#sends || this.#closed) return false;
      // The answer shows first; the host's record of the request (its timings) follows it.
      const answer: Answer = {
        request,
        status: response.status,
        statusText: response.statusText,
        headers: [...response.headers],
        body: showBody(response.headers.get('content-type') ?? '', bytes, truncated),
        ms: performance.now() - started,
        at: Date.now(),
        version,
        edits,
        resent,
      };
      this.answer = answer;
      this.#keepExchange(answer);
      this.answerError = '';
      this.notResent = '';
      this.sending = false;
      const records = await host.requests(lastId);
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
    this.logs = [];
  }

  close(): void {
    this.#closed = true;
    clearTimeout(this.#deployTimer);
    this.#unsubscribe?.();
    this.host?.close();
  }

  async #loadDeployed(host: HostConnection): Promise<void> {
    // After a reload, the version deployed before keeps serving until the first run.
    const [apps, requests, logs] = await Promise.all([host.apps(), host.requests(), host.logs()]);
    if (!this.deployed && apps[0]) this.deployed = { app: apps[0], warnings: [] };
    this.requests = [...requests, ...this.requests].slice(-MAX_RECORDS);
    this.logs = [...logs, ...this.logs].slice(-MAX_RECORDS);
  }

  async #drain(): Promise<void> {
    this.#running = true;
    try {
      const host = await this.#connecting;
      while (this.#waiting && !this.#closed) {
        const { project, edits } = this.#waiting;
        this.#waiting = undefined;
        if (await this.#deploy(host, project)) {
          this.deployedEdits = edits;
          this.version++;
          if (!this.#sendsWaiting) this.#resend();
        }
      }
    } catch {
      // The connection failed: `connectError` says why.
    } finally {
      this.#running = false;
    }
  }

  /** After a deploy: the current request again, if it is a GET and the project re-sends. */
  #resend(): void {
    const project = this.source.project();
    if (!project || project.resendOnDeploy === false) return;
    const request = project.request;
    if (request.method === 'GET') void this.send(request, true);
    else if (this.answer)
      this.notResent = `A ${request.method} is not re-sent by itself: it may change data. Send it again to see this version's answer.`;
  }

  /** Deploys `project`; true when it is the version serving now. */
  async #deploy(host: HostConnection, project: Project): Promise<boolean> {
    // A handler that does not parse is not deployed: the last good version keeps serving.
    const { diagnostics: syntaxErrors, outputs } = await prepareRunnerModules(project);
    if (this.#closed) return false;
    if (syntaxErrors.length) {
      this.failure = {
        message: syntaxErrors.map(describeDiagnostic).join('\n'),
        code: 'syntax',
        diagnostics: syntaxErrors,
      };
      this.status = 'failed';
      return false;
    }
    this.status = 'deploying';
    const started = performance.now();
    const manifest = manifestOf(project);
    const summary = summariseManifest(manifest);
    try {
      // The site's runner is deployed from its published, transpiled form: its bytes stay here.
      const runnerHash = await siteRunnerHash(project);
      const runners: Record<string, Extract<ProjectFile, { kind: 'binary' }>> = {};
      const files: Record<string, Uint8Array> = {};
      for (const file of project.files) {
        if (file.path === MANIFEST_PATH) continue;
        if (file.kind === 'binary' && file.hash === runnerHash) runners[file.path] = file;
        else
          files[file.path] =
            file.kind === 'text' ? new TextEncoder().encode(file.text) : await this.source.bytesOf(file);
      }
      // TypeScript runs as the JavaScript beside it, as in the exported zip.
      for (const output of outputs) files[output.path] = new TextEncoder().encode(output.text);
      const variables = Object.fromEntries(Object.entries(project.variables).filter(([, v]) => v !== ''));
      const options = await withSiteRunner(
        {
          manifest,
          // Once deployed, the app keeps its name (and with it its key-value data): a renamed
          // `[application] name` replaces the version serving rather than clashing with it at `/`.
          ...(this.deployed ? { name: this.deployed.app.name } : {}),
          manifestFile: MANIFEST_PATH,
          files,
          variables,
          keyValueStores: (summary?.keyValueStores ?? []).filter((label) => label !== 'default'),
        },
        Object.keys(runners),
        (path) => this.source.bytesOf(runners[path]!),
      );
      const result = await host.deploy(options);
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
      this.failure = {
        message,
        code: error instanceof SwerveError ? error.code : 'failed',
        diagnostics: deployDiagnostics(message, MANIFEST_PATH),
      };
      this.status = 'failed';
      return false;
    }
  }
}
