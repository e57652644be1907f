import { describe, expect, it } from 'vitest';
import { deployOptionsOf, sharedToDeploy } from '../deploy/app-to-deploy.ts';
import { sha256Hex } from '../project/hash.ts';
import type { Project } from '../project/project.ts';
import { decodeSharedApp, encodeSharedApp } from './share-link.ts';
import {
  MAX_LINK_BINARY_BYTES,
  sharedAppFromFiles,
  sharedAppKey,
  sharedAppToDraft,
  toSharedApp,
  TooBigForLinkError,
  type SiteRunner,
} from './shared-app.ts';

const MANIFEST = `spin_manifest_version = 2

[application]
name = "shared"

[variables]
greeting = { default = "Hello" }
api_token = { required = true, secret = true }

[[trigger.http]]
route = "/..."
component = "handler"

[component.handler]
source = "runner.wasm"
files = [{ source = "src", destination = "/" }]
`;

const runnerBytes = new Uint8Array([0, 97, 115, 109, 13, 0, 1, 0, 42]);
const dotBytes = new Uint8Array([0, 1, 2, 255]);
const bytesByHash = new Map<string, Uint8Array>();

async function runner(): Promise<SiteRunner> {
  return { hash: await sha256Hex(runnerBytes), bytes: async () => runnerBytes };
}

async function binary(path: string, bytes: Uint8Array, size = bytes.length) {
  const hash = await sha256Hex(bytes);
  bytesByHash.set(hash, bytes);
  return { path, kind: 'binary' as const, hash, size };
}

async function project(
  index = "addEventListener('fetch', (e) => e.respondWith(new Response('hi')));\n",
): Promise<Project> {
  return {
    id: 'id',
    name: 'shared',
    key: 'pkey',
    source: 'js:hello',
    files: [
      { path: 'spin.toml', kind: 'text', text: MANIFEST },
      { path: 'src/index.js', kind: 'text', text: index },
      await binary('runner.wasm', runnerBytes),
      await binary('static/dot.bin', dotBytes),
    ],
    variables: { greeting: 'Hi', api_token: 'my-secret-token', empty: '' },
    runOnEdit: true,
    request: { method: 'GET', path: '/hello', headers: '', body: '' },
    history: [],
    createdAt: 0,
    updatedAt: 0,
  };
}

const options = async () => ({
  bytesOf: async (file: { hash: string }) => bytesByHash.get(file.hash)!,
  runner: await runner(),
});

describe('shared apps', () => {
  it('carry text as text, the site runner by name, other bytes as base64, and no secret', async () => {
    const app = await toSharedApp(await project(), { ...(await options()), open: 'src/index.js' });
    expect(app.files['spin.toml']).toBe(MANIFEST);
    expect(app.files['runner.wasm']).toEqual({ component: 'runner' });
    expect(app.files['static/dot.bin']).toEqual({ base64: 'AAEC/w==' });
    expect(app.variables).toEqual({ greeting: 'Hi' });
    expect(JSON.stringify(app)).not.toContain('my-secret-token');
    expect(app.open).toBe('src/index.js');
  });

  it('keep the current request and a key-value seed when given', async () => {
    const app = await toSharedApp(await project(), {
      ...(await options()),
      request: { method: 'POST', path: '/echo', headers: '', body: '{}' },
      kv: { default: { count: { text: '41' } }, empty: {} },
    });
    expect(app.request).toEqual({ method: 'POST', path: '/echo', body: '{}' });
    expect(app.kv).toEqual({ default: { count: { text: '41' } } });
  });

  it('carry a SQLite seed that runs with the first deploy only, and is part of the origin', async () => {
    const dump = 'CREATE TABLE t (x);\nINSERT INTO "t" VALUES(1);\n';
    const app = await toSharedApp(await project(), {
      ...(await options()),
      sqlite: { default: dump, empty: '  ' },
    });
    expect(app.sqlite).toEqual({ default: dump });
    const decoded = await decodeSharedApp(await encodeSharedApp(app));
    const runnerFile = async () => (await runner()).bytes();
    const first = await deployOptionsOf(sharedToDeploy(decoded, runnerFile), { seedSqlite: true });
    expect(first.sqlite).toEqual([{ sql: dump, file: 'the share link', label: 'default' }]);
    const reopened = await deployOptionsOf(sharedToDeploy(decoded, runnerFile), { seedSqlite: false });
    expect(reopened.sqlite).toBeUndefined();
    // A link whose seed differs runs at an origin of its own, never writing into another copy's data.
    const other = { ...app, sqlite: { default: 'DROP TABLE t;' } };
    expect(await sharedAppKey(other)).not.toBe(await sharedAppKey(app));
    const { sqlite: _, ...withoutSeed } = app;
    expect(await sharedAppKey(withoutSeed)).not.toBe(await sharedAppKey(app));
  });

  it('refuse a binary too large for any link, naming it', async () => {
    const big = await project();
    big.files.push(await binary('big.wasm', new Uint8Array([1, 2, 3]), MAX_LINK_BINARY_BYTES + 1));
    await expect(toSharedApp(big, await options())).rejects.toThrow(TooBigForLinkError);
    await expect(toSharedApp(big, await options())).rejects.toThrow(/big\.wasm/);
  });

  it('come back as the same files, with the runner resolved to the site runner', async () => {
    const app = await decodeSharedApp(
      await encodeSharedApp(await toSharedApp(await project(), await options())),
    );
    // This test's "site" publishes no transpiled runner, so the deploy carries the runner's bytes.
    const { files = {} } = await deployOptionsOf(sharedToDeploy(app, async () => (await runner()).bytes()));
    expect(Object.keys(files).sort()).toEqual(['runner.wasm', 'src/index.js', 'static/dot.bin']);
    expect(files['runner.wasm']).toEqual(runnerBytes);
    expect(files['static/dot.bin']).toEqual(dotBytes);
    const draft = await sharedAppToDraft(app, await runner());
    expect(draft.files).toContainEqual({ path: 'spin.toml', text: MANIFEST });
    expect(draft.files).toContainEqual({ path: 'runner.wasm', bytes: runnerBytes });
    expect(draft.variables).toEqual({ greeting: 'Hi' });
  });

  it('run the same app at the same origin, and a different app elsewhere', async () => {
    const a = await toSharedApp(await project(), await options());
    const reordered = {
      ...a,
      files: Object.fromEntries(Object.entries(a.files).reverse()),
      open: 'spin.toml',
    };
    const edited = await toSharedApp(await project('// edited\n'), await options());
    expect(await sharedAppKey(a)).toMatch(/^h[0-9a-v]{52}$/);
    expect(await sharedAppKey(reordered)).toBe(await sharedAppKey(a));
    expect(await sharedAppKey(edited)).not.toBe(await sharedAppKey(a));
    expect(await sharedAppKey({ ...a, kv: { default: { n: { text: '1' } } } })).not.toBe(
      await sharedAppKey(a),
    );
  });

  it('recognise the runner among the files of a zip', async () => {
    const app = await sharedAppFromFiles(
      'zipped',
      [
        { path: 'spin.toml', text: MANIFEST },
        { path: 'runner.wasm', bytes: runnerBytes },
        { path: 'other.wasm', bytes: dotBytes },
      ],
      await runner(),
    );
    expect(app.files).toEqual({
      'spin.toml': MANIFEST,
      'runner.wasm': { component: 'runner' },
      'other.wasm': { base64: 'AAEC/w==' },
    });
  });
});
