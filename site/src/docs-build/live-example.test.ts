import { describe, expect, it } from 'vitest';
import { decodeSharedApp } from '@swerve/playground/share-link';
import { embedSrc, liveExample } from './live-example.ts';

const MANIFEST = `spin_manifest_version = 2
[application]
name = "hello"
[[trigger.http]]
route = "/..."
component = "handler"
[component.handler]
source = "runner.wasm"
files = [{ source = "src", destination = "/" }]
`;
const FILES = {
  'spin.toml': MANIFEST,
  'src/index.js': 'export default { fetch: () => new Response("hi") };',
};

describe('liveExample', () => {
  it('carries the example files as they are, with the runner by name, in a share-link payload', async () => {
    const example = await liveExample('hello', FILES);
    expect(example.payload).toMatch(/^v1\.[A-Za-z0-9_-]+$/);
    const app = await decodeSharedApp(example.payload);
    expect(app.name).toBe('hello');
    expect(app.files).toEqual({ ...FILES, 'runner.wasm': { component: 'runner' } });
    expect(app.open).toBe('src/index.js');
  });

  it('says what is missing when an example folder is not a runner app', async () => {
    await expect(liveExample('x', { 'src/index.js': '' })).rejects.toThrow(/"x" has no spin\.toml/);
    await expect(liveExample('x', { 'spin.toml': MANIFEST })).rejects.toThrow(/no src\/index\.js/);
    await expect(
      liveExample('x', { ...FILES, 'spin.toml': MANIFEST.replace('runner.wasm', 'app.wasm') }),
    ).rejects.toThrow(/must run the runner/);
  });
});

describe('embedSrc', () => {
  it('opens the embed page on the console, with the first request and the app in the fragment', () => {
    const src = new URL(embedSrc('v1.abc', '/hello/docs'), 'http://swerve.localhost');
    expect(src.pathname).toBe('/embed');
    expect(src.searchParams.get('views')).toBe('console');
    expect(src.searchParams.get('path')).toBe('/hello/docs');
    expect(src.hash).toBe('#v1.abc');
  });
});
