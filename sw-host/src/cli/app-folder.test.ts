import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppFolder, variableOverrides } from './app-folder.ts';
import type { LoadedApp } from './load-app.ts';

const MANIFEST = `spin_manifest_version = 2
[application]
name = "greeter"
[variables]
greeting = { default = "hello" }
api_token = { required = true, secret = true }
[[trigger.http]]
route = "/..."
component = "greeter"
[component.greeter]
source = "greeter.wasm"
`;

let dir = '';
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'swerve-app-folder-'));
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'spin.toml'), MANIFEST);
  await writeFile(join(dir, 'greeter.wasm'), 'v1');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const open = (variables: Record<string, string>) =>
  AppFolder.open({
    manifestPath: join(dir, 'spin.toml'),
    displayPath: 'spin.toml',
    variables,
    keyValues: {},
    hostBuild: 'b1',
  });

describe('AppFolder', () => {
  it('lists what to deploy, and changes its version when a file changes', async () => {
    const folder = await open({ api_token: 't' });
    expect(folder.listing).toMatchObject({
      name: 'greeter',
      manifest: '/_swerve/app/spin.toml',
      manifestFile: 'spin.toml',
      files: { 'greeter.wasm': '/_swerve/app/greeter.wasm' },
      variables: { api_token: 't' },
    });
    const first = folder.listing.version;
    expect((await folder.refresh()).version).toBe(first);
    await writeFile(join(dir, 'greeter.wasm'), 'v2, longer');
    expect((await folder.refresh()).version).not.toBe(first);
  });

  it('fails at start when a required variable has no value, as spin up does', async () => {
    await expect(open({})).rejects.toThrow(/api_token/);
  });

  it('keeps serving the last good read when the folder breaks', async () => {
    const folder = await open({ api_token: 't' });
    await writeFile(join(dir, 'spin.toml'), 'spin_manifest_version = 2\n');
    await expect(folder.refresh()).rejects.toThrow('The [application] table is missing');
    expect(folder.file('greeter.wasm')).toBe(join(dir, 'greeter.wasm'));
    expect(folder.file('.env')).toBeUndefined();
  });
});

describe('variableOverrides', () => {
  it('reads SPIN_VARIABLE_<NAME> for declared variables; --variable wins', () => {
    const app = { manifest: { variables: { greeting: {}, api_token: {} } } } as unknown as LoadedApp;
    const env = { SPIN_VARIABLE_GREETING: 'hi', SPIN_VARIABLE_API_TOKEN: 'env', SPIN_VARIABLE_OTHER: 'x' };
    expect(variableOverrides(app, { api_token: 'arg' }, env)).toEqual({ greeting: 'hi', api_token: 'arg' });
  });
});
