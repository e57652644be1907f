/**
 * Running a shared app: at its content-hash origin (`sharedAppKey`), deployed through that
 * origin's host, its key-value seed written the first time only (reopening a link keeps the
 * data the app wrote since), then its first request sent, when it is one that may go unasked
 * (`sendsOnOpen`).
 */
import { connectApp, type DeployResult, type HostConnection } from 'swerve/client';
import { readUpTo } from '../bytes/read-capped.ts';
import { MAX_SHOWN_BODY_BYTES } from '../request/response-body.ts';
import { hasBody, normaliseRequestPath, parseHeaders } from '../request/request-spec.ts';
import { KV_DUMP_FORMAT } from './kv-dump-format.ts';
import type { SharedApp, SharedRequest } from './share-link.ts';
import { sharedAppDeploy, usesSiteRunner } from './shared-app-deploy.ts';
import { preloadSiteRunner } from '../deploy/site-runner-artifacts.ts';
import { sharedAppKey, type SiteRunner } from './shared-app.ts';

export interface RunningApp {
  key: string;
  host: HostConnection;
  deployed: DeployResult;
}

export interface FirstAnswer {
  status: number;
  statusText: string;
  contentType: string;
  /** The body, up to MAX_SHOWN_BODY_BYTES. */
  bytes: Uint8Array;
  /** The body was longer: only its first MAX_SHOWN_BODY_BYTES were read. */
  truncated: boolean;
}

/**
 * Connects to the app's origin and deploys it there, with `secrets` as the values of its secret
 * variables. The site's runner is deployed from its published artifacts when the site has them
 * (lib/deploy/site-runner-artifacts.ts), so its bytes are fetched (`runner`) only otherwise.
 */
export async function runSharedApp(
  app: SharedApp,
  runner: () => Promise<SiteRunner>,
  secrets: Record<string, string>,
): Promise<RunningApp> {
  // The runner's download starts now, while the app's origin starts its host.
  if (usesSiteRunner(app)) preloadSiteRunner();
  const key = await sharedAppKey(app);
  const host = await connectApp(key);
  try {
    // The link's key-value seed is written below, and only into an empty store; its SQLite seed
    // runs with the first deploy at this origin only: reopening keeps the app's data.
    const firstDeploy = (await host.apps()).length === 0;
    const options = await sharedAppDeploy(app, {
      runnerFile: async () => (await runner()).bytes(),
      seed: false,
      seedSqlite: firstDeploy,
      secrets,
    });
    const deployed = await host.deploy(options);
    for (const [label, entries] of Object.entries(app.kv ?? {})) {
      const store = host.kv(deployed.app.name, label);
      if ((await store.keys()).length === 0) await store.import({ format: KV_DUMP_FORMAT, entries });
    }
    return { key, host, deployed };
  } catch (error) {
    host.close();
    throw error;
  }
}

/** The request a viewer sends first: the link's, else `GET /`. */
export function firstRequest(app: SharedApp): SharedRequest {
  return app.request ?? { method: 'GET', path: '/' };
}

/**
 * Whether the viewer sends a link's first request as it opens, before the visitor does anything:
 * only a plain `GET`, without headers or a body. Anything else (a POST, a DELETE, a GET with an
 * `Authorization` header) is an action the link's author chose, so it waits in the console until
 * the visitor reads it and presses Send. The content key (`sharedAppKey`) already sends such a
 * link to a copy of its own; this keeps the visitor in charge of that copy, its secrets and the
 * hosts it may reach, too. A GET is what opening any page sends, and what HTTP says is safe.
 */
export function sendsOnOpen(request: SharedRequest): boolean {
  return request.method === 'GET' && !request.headers?.trim() && !request.body;
}

/** Sends `request` to the app and reads the answer, up to MAX_SHOWN_BODY_BYTES of its body. */
export async function sendShared(host: HostConnection, request: SharedRequest): Promise<FirstAnswer> {
  const response = await host.fetch(normaliseRequestPath(request.path), {
    method: request.method,
    headers: parseHeaders(request.headers ?? ''),
    body: hasBody(request.method) && request.body ? request.body : undefined,
  });
  const read = response.body
    ? await readUpTo(response.body, MAX_SHOWN_BODY_BYTES)
    : { bytes: new Uint8Array(), truncated: false };
  return {
    status: response.status,
    statusText: response.statusText,
    contentType: response.headers.get('content-type') ?? '',
    ...read,
  };
}

/** Whether an answer is a page to show in a frame rather than a body to print. */
export function isHtml(answer: FirstAnswer): boolean {
  return answer.status < 400 && /^text\/html\b/i.test(answer.contentType);
}
