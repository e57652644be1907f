/**
 * The session's rules, against a fake host: deploys are latest-wins, a deploy re-sends a GET
 * (and never a POST, nor anything when the project turned re-sending off), Send deploys an edit
 * still waiting first, and an answer is stale once the code changes.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DeployOptions, DeployResult, HostConnection } from 'swerve/client';
import { AppSession } from './AppSession.svelte.ts';
import type { Project } from '../project/project.ts';
import type { RequestSpec } from '../request/request-spec.ts';

/** A host whose app answers `<deploys so far>:<method> <path>`. */
function fakeHost() {
  const deployed: string[] = [];
  const sent: string[] = [];
  /** While set, deploys wait for it. */
  const gate: { open?: Promise<void> } = {};
  const host = {
    origin: 'http://app.swerve.localhost',
    deploy: async (options: DeployOptions): Promise<DeployResult> => {
      await gate.open;
      deployed.push(new TextDecoder().decode(options.files?.['app.txt'] as Uint8Array));
      return { app: { name: 'app', routes: ['/...'] }, warnings: [] } as unknown as DeployResult;
    },
    fetch: async (path: string, init?: RequestInit) => {
      sent.push(`${init?.method} ${path}`);
      return new Response(`${deployed.at(-1)}:${init?.method} ${path}`);
    },
    apps: async () => [],
    requests: async () => [],
    logs: async () => [],
    subscribe: () => () => {},
    close: () => {},
  } as unknown as HostConnection;
  return { host, deployed, sent, gate };
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
    session = new AppSession(
      'k',
      { bytesOf: async () => new Uint8Array(), project: () => structuredClone(project) },
      async () => fake.host,
    );
  });
  afterEach(() => {
    session.close();
    vi.useRealTimers();
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
