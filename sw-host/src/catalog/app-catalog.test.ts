import { describe, expect, it } from 'vitest';
import { findMountedApp, pathInApp, type AppCatalog } from './app-catalog.ts';

const app = (name: string) => ({
  name,
  mount: `/apps/${name}/`,
  description: '',
  manifest: '',
  components: {},
});
const catalog: AppCatalog = { build: 'test', apps: [app('echo'), app('echo-two')] };

describe('findMountedApp', () => {
  it.each([
    ['/apps/echo/', 'echo'],
    ['/apps/echo', 'echo'],
    ['/apps/echo/x/y', 'echo'],
    ['/apps/echo-two/x', 'echo-two'],
  ])('%s is served by %s', (path, name) => {
    expect(findMountedApp(catalog, path)?.name).toBe(name);
  });

  it.each(['/apps/', '/apps/echoes', '/apps/ech', '/echo/'])('%s is no app', (path) => {
    expect(findMountedApp(catalog, path)).toBeUndefined();
  });
});

describe('pathInApp', () => {
  it.each([
    ['https://h/apps/echo/x?y=1', '/x?y=1'],
    ['https://h/apps/echo/', '/'],
    ['https://h/apps/echo', '/'],
    ['https://h/apps/echo/a/b/?q', '/a/b/?q'],
  ])('%s is %s inside the app', (url, expected) => {
    expect(pathInApp(app('echo'), new URL(url))).toBe(expected);
  });
});
