/**
 * Runs one project at its own origin: owns the connection to that origin's host, deploys the
 * project's latest files (one deploy at a time; while one runs, only the newest waiting version
 * is kept: latest wins), and keeps what the host reports: log lines and request records as they
 * stream, the deploy error if the last deploy failed (the last good version keeps serving).
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

const MAX_RECORDS = 2000;

export interface DeployFailure {
  message: string;
  code: string;
  diagnostics: Diagnostic[];
}

/** What a deploy needs of the workspace: a project's binary files' bytes. */
export type BytesOf = (file: Extract<ProjectFile, { kind: 'binary' }>) => Promise<Uint8Array>;

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

export class AppRunner {
  status = $state<'connecting' | 'deploying' | 'ready' | 'failed' | 'offline'>('connecting');
  connectError = $state('');
  /** The version serving now (the last good deploy). */
  deployed = $state<DeployResult | undefined>();
  deployMs = $state(0);
  failure = $state<DeployFailure | undefined>();
  logs = $state<LogRecord[]>([]);
  requests = $state<RequestRecord[]>([]);
  /** Bumped after anything that may have changed the app's key-value data. */
  kvRevision = $state(0);
  host = $state<HostConnection | undefined>();

  #connecting: Promise<HostConnection>;
  #waiting: Project | undefined;
  #running = false;
  /** Settles when the deploys asked for so far are done (never rejects). */
  #drained: Promise<void> = Promise.resolve();
  #unsubscribe: (() => void) | undefined;
  #closed = false;

  constructor(
    readonly key: string,
    private readonly bytesOf: BytesOf,
  ) {
    this.#connecting = connectApp(key);
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

  /** Deploys `project` (a snapshot) once the deploy in progress, if any, is done. */
  run(project: Project): void {
    this.#waiting = project;
    if (!this.#running) this.#drained = this.#drain();
  }

  /**
   * Resolves once every deploy asked for so far has finished, well or not: a request sent while
   * the project deploys goes to the version it is deploying, not to the one before (or to none).
   */
  settled(): Promise<void> {
    return this.#drained;
  }

  clearLogs(): void {
    this.logs = [];
  }

  close(): void {
    this.#closed = true;
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
        const project = this.#waiting;
        this.#waiting = undefined;
        await this.#deploy(host, project);
      }
    } catch {
      // The connection failed: `connectError` says why.
    } finally {
      this.#running = false;
    }
  }

  async #deploy(host: HostConnection, project: Project): Promise<void> {
    // A handler that does not parse is not deployed: the last good version keeps serving.
    const { diagnostics: syntaxErrors, outputs } = await prepareRunnerModules(project);
    if (this.#closed) return;
    if (syntaxErrors.length) {
      this.failure = {
        message: syntaxErrors.map(describeDiagnostic).join('\n'),
        code: 'syntax',
        diagnostics: syntaxErrors,
      };
      this.status = 'failed';
      return;
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
            file.kind === 'text' ? new TextEncoder().encode(file.text) : await this.bytesOf(file);
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
        (path) => this.bytesOf(runners[path]!),
      );
      const result = await host.deploy(options);
      if (this.#closed) return;
      this.deployed = result;
      this.failure = undefined;
      this.deployMs = performance.now() - started;
      this.status = 'ready';
      this.kvRevision++;
    } catch (error) {
      if (this.#closed) return;
      const message = messageOf(error);
      this.failure = {
        message,
        code: error instanceof SwerveError ? error.code : 'failed',
        diagnostics: deployDiagnostics(message, MANIFEST_PATH),
      };
      this.status = 'failed';
    }
  }
}
