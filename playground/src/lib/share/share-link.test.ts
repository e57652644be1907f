import { describe, expect, it } from 'vitest';
import {
  decodeSharedApp,
  encodeSharedApp,
  LINK_PREFIX,
  ShareLinkError,
  type SharedApp,
} from './share-link.ts';
import { V1_LINK_FIXTURE } from './share-link.fixture.ts';

const app: SharedApp = {
  name: 'hello-js',
  files: {
    'spin.toml': 'spin_manifest_version = 2\n',
    'src/index.js': "addEventListener('fetch', (e) => e.respondWith(new Response('hi')));\n",
    'runner.wasm': { component: 'runner' },
    'static/dot.bin': { base64: 'AAEC/w==' },
  },
  variables: { greeting: 'hello' },
  kv: { default: { count: { text: '41' } } },
  open: 'src/index.js',
  request: { method: 'GET', path: '/hello' },
};

async function errorOf(fragment: string): Promise<ShareLinkError> {
  try {
    await decodeSharedApp(fragment);
  } catch (error) {
    if (error instanceof ShareLinkError) return error;
    throw error;
  }
  throw new Error('decoded');
}

describe('share links', () => {
  it('carry an app through the fragment and back, as base64url without padding', async () => {
    const fragment = await encodeSharedApp(app);
    expect(fragment.startsWith(LINK_PREFIX)).toBe(true);
    expect(fragment.slice(LINK_PREFIX.length)).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(await decodeSharedApp(`#${fragment}`)).toEqual(app);
  });

  it('compress source text well below its size', async () => {
    const source = Array.from(
      { length: 80 },
      (_, i) => `router.get('/item/${i}', () => json({ id: ${i} }));`,
    ).join('\n');
    const fragment = await encodeSharedApp({ name: 'big', files: { 'src/index.js': source } });
    expect(fragment.length).toBeLessThan(source.length * 0.5);
  });

  it('say a link that lost its end was cut short, however much is missing', async () => {
    const fragment = await encodeSharedApp(app);
    for (const keep of [fragment.length - 1, fragment.length - 7, Math.floor(fragment.length / 2)]) {
      expect((await errorOf(fragment.slice(0, keep))).code).toBe('cut-short');
    }
  });

  it('name a newer format, a missing app and foreign text for what they are', async () => {
    expect((await errorOf('#v9.abc')).code).toBe('newer-version');
    expect((await errorOf('#')).code).toBe('not-a-link');
    expect((await errorOf('#hello')).code).toBe('malformed');
    expect((await errorOf('#v1.a b')).code).toBe('malformed');
  });

  it('refuse a payload that is not an app', async () => {
    const notAnApp = await encodeSharedApp({ name: 'x', files: { a: { url: 'x' } } } as unknown as SharedApp);
    expect((await errorOf(notAnApp)).message).toMatch(/file "a"/);
    const badSeed = await encodeSharedApp({
      name: 'x',
      files: { a: 'a' },
      sqlite: { default: 7 },
    } as unknown as SharedApp);
    expect((await errorOf(badSeed)).message).toMatch(/SQLite seed is not database = SQL text/);
  });

  // A link made when v1 was new must open for good: this fixture is never regenerated.
  it('still open the v1 link committed when v1 was new', async () => {
    const opened = await decodeSharedApp(V1_LINK_FIXTURE.fragment);
    expect(opened).toEqual(V1_LINK_FIXTURE.app);
  });
});
