/**
 * Running a shared app: at its content-hash origin (`sharedAppKey`), through an AppSession as
 * every face of the playground runs its app (its seeds written the first time only: reopening a
 * link keeps the data the app wrote since), then its first request sent, when it is one that may
 * go unasked (`sendsOnOpen`).
 */
import type { DeployResult, HostConnection } from 'swerve/client';
import { sharedToDeploy } from '../deploy/app-to-deploy.ts';
import { AppSession } from '../state/AppSession.svelte.ts';
import type { SharedApp, SharedRequest } from './share-link.ts';
import { preloadSiteRunner } from '../deploy/site-runner-artifacts.ts';
import { sharedAppKey, usesSiteRunner, type SiteRunner } from './shared-app.ts';

export interface RunningApp {
  key: string;
  session: AppSession;
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
  const session = new AppSession(key, {
    app: () => sharedToDeploy(app, async () => (await runner()).bytes(), secrets),
  });
  try {
    await session.deployNow();
  } catch (error) {
    session.close();
    throw error;
  }
  return { key, session, host: session.host!, deployed: session.deployed! };
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

/** Whether an answer is a page to show in a frame rather than a body to print. */
export function isHtml(answer: FirstAnswer): boolean {
  return answer.status < 400 && /^text\/html\b/i.test(answer.contentType);
}
