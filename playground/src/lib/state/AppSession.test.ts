/**
 * The session's rules, against a fake host: deploys are latest-wins, a deploy re-sends a GET
 * (and never a POST, nor anything when the project turned re-sending off), Send deploys an edit
 * still waiting first, an answer is stale once the code changes, and an app's seeds are written
 * once, at a fresh origin, never over data it has made.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DeployOptions, DeployResult, HostConnection, LogRecord } from 'swerve/client';

type HostEvent = Parameters<Parameters<HostConnection['subscribe']>[0]>[0];
import { AppSession, type SessionSource } from './AppSession.svelte.ts';
import type { Project } from '../project/project.ts';
import { projectToDeploy, sharedToDeploy } from '../deploy/app-to-deploy.ts';
import { MAX_SHOWN_BODY_BYTES } from '../request/response-body.ts';
import type { SharedApp } from '../share/share-link.ts';
import type { RequestSpec } from '../request/request-spec.ts';

/**
 * A host whose app answers `<deploys so far>:<method> <path>`; `existing` apps were deployed at
 * its origin before the session connected.
 */
function fakeHost(existing: string[] = []) {
  const deployed: string[] = [];
  const options: DeployOptions[] = [];
  const sent: string[] = [];
  /** Key-value stores by label: key → value. */
  const stores: Record<string, Record<string, unknown>> = {};
  const imports: string[] = [];
  const listeners: ((event: HostEvent) => void)[] = [];
  /** While set, deploys wait for it. */
  const gate: { open?: Promise<void>; fail?: string; body?: () => BodyInit } = {};
  const host = {
    origin: 'http://app.swerve.localhost',
    deploy: async (request: DeployOptions): Promise<DeployResult> => {
      await gate.open;
      if (gate.fail) throw new Error(gate.fail);
      options.push(request);
      deployed.push(new TextDecoder().decode(request.files?.['app.txt'] as Uint8Array));
      return { app: { name: 'app', routes: ['/...'] }, warnings: [] } as unknown as DeployResult;
    },
    fetch: async (path: string, init?: RequestInit) => {
      sent.push(`${init?.method} ${path}`);
      return new Response(gate.body?.() ?? `${deployed.at(-1)}:${init?.method} ${path}`);
    },
    apps: async () => existing.map((name) => ({ name, routes: [] })),
    requests: async () => [],
    logs: async () => [],
    kv: (_app: string, label: string) => ({
      keys: async () => Object.keys(stores[label] ?? {}),
      import: async (dump: { entries: Record<string, unknown> }) => {
        imports.push(label);
        stores[label] = { ...stores[label], ...dump.entries };
      },
    }),
    subscribe: (listener: (event: HostEvent) => void) => {
      listeners.push(listener);
      return () => {};
    },
    close: () => {},
  } as unknown as HostConnection;
  return { host, deployed, options, sent, gate, stores, imports, listeners };
}

const MANIFEST = 'spin_manifest_version = 2\n[application]\nname = "app"\n';

describe('AppSession', () => {
  let project: Project;
  let fake: ReturnType<typeof fakeHost>;
  let session: AppSession;
  const text = (answer = session.answer) =>
    answer?.body.kind === 'text' ? answer.body.text : JSON.stringify(answer?.body);
  const edit = (content: string, deployOnEdit = true) => {
    project.files[1] = { path: 'app.txt', kind: 'text', text: content };
    session.edited(deployOnEdit);
  };

  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    project = {
      id: 'p',
      name: 'app',
      key: 'k',
      source: 'test',
      files: [
        { path: 'spin.toml', kind: 'text', text: MANIFEST },
        { path: 'app.txt', kind: 'text', text: 'one' },
      ],
      variables: {},
      runOnEdit: true,
      request: { method: 'GET', path: '/', headers: '', body: '' },
      history: [],
      createdAt: 0,
      updatedAt: 0,
    };
    fake = fakeHost();
    session = new AppSession('k', projectSource(), async () => fake.host);
  });
  afterEach(() => {
    session.close();
    vi.useRealTimers();
  });

  /** The editor's source: the project as it is now, its request re-sent unless it says not to. */
  const projectSource = (): SessionSource => ({
    app: () => projectToDeploy(structuredClone(project), async () => new Uint8Array()),
    liveRequest: () => (project.resendOnDeploy === false ? undefined : project.request),
  });

  /** Waits until the session has nothing in flight. */
  const settle = async () => {
    for (let i = 0; i < 200; i++) await Promise.resolve();
  };

  it('answers the GET after each deploy, from that version', async () => {
    session.deploy();
    await settle();
    expect(text()).toBe('one:GET /');
    expect(session.answer).toMatchObject({ version: 1, resent: true });

    edit('two');
    expect(session.stale).toBe(true);
    vi.advanceTimersByTime(1000);
    await settle();
    expect(text()).toBe('two:GET /');
    expect(session.answer?.version).toBe(2);
    expect(session.stale).toBe(false);
  });

  it('never re-sends a POST, and re-sends nothing when the project says not to', async () => {
    project.request = { method: 'POST', path: '/items', headers: '', body: 'x' };
    session.deploy();
    await settle();
    expect(fake.sent).toEqual([]);
    await session.send(project.request);
    edit('two');
    vi.advanceTimersByTime(1000);
    await settle();
    expect(fake.sent).toEqual(['POST /items']);
    expect(session.stale).toBe(true);
    expect(session.notResent).toContain('A POST is not re-sent by itself');

    project.request = { method: 'GET', path: '/', headers: '', body: '' };
    project.resendOnDeploy = false;
    edit('three');
    vi.advanceTimersByTime(1000);
    await settle();
    expect(fake.deployed).toEqual(['one', 'two', 'three']);
    expect(fake.sent).toEqual(['POST /items']);
  });

  it('deploys an edit still waiting before it sends, and sends it once', async () => {
    session.deploy();
    await settle();
    edit('two', false);
    const request: RequestSpec = { method: 'GET', path: '/now', headers: '', body: '' };
    expect(await session.send(request)).toBe(true);
    expect(text()).toBe('two:GET /now');
    // The deploy the send waited for did not re-send GET / by itself.
    expect(fake.sent).toEqual(['GET /', 'GET /now']);
    expect(session.stale).toBe(false);
  });

  it('keeps the newest log lines of a burst, shown together', async () => {
    await settle();
    const seen: number[] = [];
    for (let id = 1; id <= 2500; id++) {
      const record = { id, at: 0, source: 'stdout', level: 'info', message: `line ${id}` } as LogRecord;
      for (const listener of fake.listeners) listener({ type: 'log', record });
      seen.push(session.logs.length);
    }
    // Nothing shows line by line: the burst shows at once, the newest 2000 kept, oldest first.
    expect(new Set(seen)).toEqual(new Set([0]));
    vi.advanceTimersByTime(1000);
    expect(session.logs).toHaveLength(2000);
    expect([session.logs[0]?.id, session.logs.at(-1)?.id]).toEqual([501, 2500]);
  });

  it('deploys only the newest of the edits made while a deploy runs', async () => {
    project.resendOnDeploy = false;
    let release = () => {};
    fake.gate.open = new Promise((resolve) => (release = resolve));
    session.deploy();
    await settle();
    edit('two');
    vi.advanceTimersByTime(1000);
    edit('three');
    vi.advanceTimersByTime(1000);
    release();
    await settle();
    expect(fake.deployed).toEqual(['one', 'three']);
    expect(session.version).toBe(2);
  });
});

describe('AppSession for a link (an embed, the viewer)', () => {
  const LINK: SharedApp = {
    name: 'notes',
    files: { 'spin.toml': MANIFEST, 'app.txt': 'one' },
    variables: { greeting: 'hi', empty: '' },
    kv: { default: { visits: { text: '7' } } },
    sqlite: { default: 'CREATE TABLE t (x);' },
  };
  const sessions: AppSession[] = [];
  afterEach(() => sessions.splice(0).forEach((s) => s.close()));

  /** A session on `fake` whose app is `link` as it is when each deploy starts. */
  const linkSession = (fake: ReturnType<typeof fakeHost>, link: { app: SharedApp }) => {
    const session = new AppSession(
      'k',
      { app: () => sharedToDeploy(link.app, async () => new Uint8Array(), { token: 's3cret' }) },
      async () => fake.host,
    );
    sessions.push(session);
    return session;
  };

  it('writes its seeds with the first deploy at a fresh origin, and never with a redeploy', async () => {
    const fake = fakeHost();
    const link = { app: LINK };
    const session = linkSession(fake, link);
    await session.deployNow();
    expect(fake.options[0]?.sqlite).toEqual([
      { sql: 'CREATE TABLE t (x);', file: 'the share link', label: 'default' },
    ]);
    expect(fake.stores['default']).toEqual({ visits: { text: '7' } });
    // Secrets given to the viewer go in with the link's variables; an empty value is left out.
    expect(fake.options[0]?.variables).toEqual({ greeting: 'hi', token: 's3cret' });

    link.app = { ...LINK, files: { ...LINK.files, 'app.txt': 'two' } };
    session.edited(false);
    await session.deployNow();
    expect(fake.deployed).toEqual(['one', 'two']);
    expect(fake.options[1]?.sqlite).toBeUndefined();
    expect(fake.imports).toEqual(['default']);
  });

  it('writes no seed where the app ran before, nor into a store that has data', async () => {
    const reopened = fakeHost(['app']);
    await linkSession(reopened, { app: LINK }).deployNow();
    expect(reopened.options[0]?.sqlite).toBeUndefined();
    expect(reopened.imports).toEqual([]);

    const written = fakeHost();
    written.stores['default'] = { visits: { text: '99' } };
    await linkSession(written, { app: LINK }).deployNow();
    expect(written.stores['default']).toEqual({ visits: { text: '99' } });
  });

  it('keeps the seed for the first deploy that serves, when the first one failed', async () => {
    const fake = fakeHost();
    fake.gate.fail = 'No route.';
    const session = linkSession(fake, { app: LINK });
    await expect(session.deployNow()).rejects.toThrow('No route.');
    expect(session.failure?.message).toBe('No route.');
    fake.gate.fail = undefined;
    session.edited(false);
    await session.deployNow();
    expect(fake.options[0]?.sqlite).toHaveLength(1);
    expect(fake.imports).toEqual(['default']);
  });

  it('settles every edit with the newest deploy: the ones it replaced serve with it', async () => {
    const fake = fakeHost();
    const link = { app: LINK };
    const session = linkSession(fake, link);
    await session.deployNow();
    let release = () => {};
    fake.gate.open = new Promise((resolve) => (release = resolve));
    const served: string[] = [];
    for (const text of ['two', 'three', 'four']) {
      link.app = { ...LINK, files: { ...LINK.files, 'app.txt': text } };
      session.edited(false);
      void session.deployNow().then(() => served.push(text));
    }
    release();
    await vi.waitFor(() => expect(served).toHaveLength(3));
    // The edits came before the deploy of the first could start: only the newest deployed.
    expect(fake.deployed).toEqual(['one', 'four']);
    expect((await session.exchange({ method: 'GET', path: '/', headers: '', body: '' })).version).toBe(2);
  });

  it('reads an answer up to its ceiling and marks it truncated', async () => {
    // An app answering 16 times the ceiling, a chunk at a time as it is read.
    let served = 0;
    const fake = fakeHost();
    fake.gate.body = () =>
      new ReadableStream<Uint8Array>({
        pull(controller) {
          if (served >= 16 * MAX_SHOWN_BODY_BYTES) return controller.close();
          served += 64 * 1024;
          controller.enqueue(new Uint8Array(64 * 1024).fill(97));
        },
      });
    const session = linkSession(fake, { app: LINK });
    await session.deployNow();
    const answer = await session.exchange({ method: 'GET', path: '/', headers: '', body: '' });
    expect(answer.truncated).toBe(true);
    expect(answer.bytes.length).toBe(MAX_SHOWN_BODY_BYTES);
    expect(served).toBeLessThan(MAX_SHOWN_BODY_BYTES * 2);
  });

  it('says why when the host cannot be reached', async () => {
    const session = new AppSession('k', { app: () => sharedToDeploy(LINK, async () => '') }, () =>
      Promise.reject(new Error('No service worker here.')),
    );
    sessions.push(session);
    await expect(session.deployNow()).rejects.toThrow('No service worker here.');
    expect(session.status).toBe('offline');
  });
});
