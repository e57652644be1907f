import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deployName, loadApp, locateManifest } from './load-app.ts';

const MANIFEST = `spin_manifest_version = 2
[application]
name = "My_Site"
[[trigger.http]]
route = "/..."
component = "web"
[component.web]
source = "./dist/web.wasm"
files = ["static/**/*", { source = "assets", destination = "/assets" }]
exclude_files = ["static/drafts/**"]
[component.web.build]
command = "make web"
`;

let dir = '';

async function write(path: string, content = 'x'): Promise<void> {
  await mkdir(join(dir, path, '..'), { recursive: true });
  await writeFile(join(dir, path), content);
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'swerve-load-app-'));
  await write('spin.toml', MANIFEST);
  await write('dist/web.wasm');
  await write('static/index.html');
  await write('static/drafts/wip.html');
  await write('assets/logo.svg');
  await write('.env', 'SECRET=1');
  await write('src/main.rs');
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('loadApp', () => {
  it('allows the manifest, the sources and the mounted files, nothing else', async () => {
    const app = await loadApp(join(dir, 'spin.toml'), 'spin.toml');
    expect(app.name).toBe('my-site');
    expect([...app.served.keys()].sort()).toEqual([
      'assets/logo.svg',
      'dist/web.wasm',
      'spin.toml',
      'static/index.html',
    ]);
    expect(app.served.get('dist/web.wasm')).toBe(join(dir, 'dist/web.wasm'));
    expect(Object.fromEntries(app.deployFiles)).toEqual({
      'dist/web.wasm': 'dist/web.wasm',
      'static/index.html': 'static/index.html',
      'assets/logo.svg': 'assets/logo.svg',
    });
  });

  it('says to build when a source is missing, with the build command', async () => {
    await rm(join(dir, 'dist'), { recursive: true });
    await expect(loadApp(join(dir, 'spin.toml'), 'app/spin.toml')).rejects.toThrow(
      `[swerve] Cannot serve the app of app/spin.toml: one problem.\n  - Component "web" has no Wasm file at ./dist/web.wasm (${join(dir, 'dist/web.wasm')}). Build the app first: run \`spin build\` in ${dir} (for this component it runs \`make web\` in ${dir}).`,
    );
  });

  it('refuses files outside the folder, by path or through a link', async () => {
    const outside = await mkdtemp(join(tmpdir(), 'swerve-outside-'));
    try {
      await writeFile(join(outside, 'secret.txt'), 'secret');
      await symlink(join(outside, 'secret.txt'), join(dir, 'static/leak.txt'));
      await writeFile(join(dir, 'spin.toml'), MANIFEST.replace('./dist/web.wasm', '../web.wasm'));
      const error = await loadApp(join(dir, 'spin.toml'), 'spin.toml').catch((e: Error) => e);
      expect((error as Error).message).toContain('2 problems');
      expect((error as Error).message).toContain('has source "../web.wasm", outside the app folder');
      expect((error as Error).message).toContain(
        `static/leak.txt is a link to ${join(outside, 'secret.txt')}, outside the app folder`,
      );
    } finally {
      await rm(outside, { recursive: true, force: true });
    }
  });

  it('reports a bad manifest with the manifest parser’s message', async () => {
    await writeFile(join(dir, 'spin.toml'), MANIFEST.replace('component = "web"', 'component = "nope"'));
    await expect(loadApp(join(dir, 'spin.toml'), 'spin.toml')).rejects.toThrow(
      /spin\.toml:6: \[\[trigger\.http\]\] #1: `component = "nope"` names no component/,
    );
  });
});

describe('locateManifest', () => {
  it('takes a folder or a manifest, and says what is missing', async () => {
    expect(await locateManifest('.', dir)).toBe(join(dir, 'spin.toml'));
    expect(await locateManifest('spin.toml', dir)).toBe(join(dir, 'spin.toml'));
    await expect(locateManifest('src', dir)).rejects.toMatchObject({
      code: 'manifest-not-found',
      message: expect.stringContaining(`There is no spin.toml in ${join(dir, 'src/spin.toml')}`),
    });
  });
});

describe('deployName', () => {
  it.each([
    ['echo', 'echo'],
    ['My_Site', 'my-site'],
    ['--x--', 'x'],
    ['日本', 'app'],
  ])('%s → %s', (name, expected) => {
    expect(deployName(name)).toBe(expected);
  });
});
