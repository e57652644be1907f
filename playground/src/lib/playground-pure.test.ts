import { describe, expect, it } from 'vitest';
import { deployDiagnostics } from './manifest/deploy-diagnostics.ts';
import { missingVariables, summariseManifest } from './manifest/manifest-summary.ts';
import { idFromFileName, wasmManifest } from './manifest/wrap-wasm.ts';
import { appFiles, fromZip, toZip } from './export/spin-zip.ts';
import { toCurl, toFetch } from './request/request-spec.ts';
import { showBody } from './request/response-body.ts';
import { withoutBuildSections } from './sources/example-templates.ts';
import { normalisePath } from './project/project.ts';

describe('deploy diagnostics', () => {
  it('reads every located manifest problem', () => {
    const message =
      '[swerve] Invalid Spin manifest (2 problems):\nspin.toml:7: [[trigger.http]] #2: no such component\nspin.toml:12: [component.a]: bad source';
    expect(deployDiagnostics(message)).toEqual([
      { file: 'spin.toml', line: 7, message: '[[trigger.http]] #2: no such component' },
      { file: 'spin.toml', line: 12, message: '[component.a]: bad source' },
    ]);
    expect(deployDiagnostics('[swerve] Invalid Spin manifest. spin.toml:3: oops')).toEqual([
      { file: 'spin.toml', line: 3, message: 'oops' },
    ]);
    expect(deployDiagnostics('[swerve] the component traps')).toEqual([]);
  });
});

describe('manifest summary', () => {
  const manifest = `spin_manifest_version = 2
[application]
name = "shop"
[variables]
token = { required = true, secret = true }
greeting = { default = "hi" }
[[trigger.http]]
route = "/..."
component = "api"
[component.api]
source = "api.wasm"
key_value_stores = ["default", "carts"]
`;
  it('lists variables, stores and sources', () => {
    const summary = summariseManifest(manifest)!;
    expect(summary.name).toBe('shop');
    expect(summary.keyValueStores).toEqual(['carts', 'default']);
    expect(summary.sources).toEqual({ api: 'api.wasm' });
    expect(missingVariables(summary, {})).toEqual(['token']);
    expect(missingVariables(summary, { token: 'x' })).toEqual([]);
  });
  it('is undefined for text that is not TOML', () => expect(summariseManifest('[[')).toBeUndefined());
});

describe('uploaded components', () => {
  it('get an id Spin accepts and a manifest that parses', () => {
    expect(idFromFileName('My_App.v2.wasm')).toBe('my-app-v2');
    expect(idFromFileName('2fast.wasm')).toBe('app-2fast');
    expect(summariseManifest(wasmManifest('x', 'x.wasm'))?.sources).toEqual({ x: 'x.wasm' });
  });
  it('give a component that uses a key-value store the default store, and one that sends requests a hint', () => {
    const plain = wasmManifest('x', 'x.wasm', ['wasi:http/types@0.2.10']);
    expect(summariseManifest(plain)?.keyValueStores).toEqual([]);
    expect(plain).not.toContain('allowed_outbound_hosts');
    for (const kv of [
      'fermyon:spin/key-value@2.0.0',
      'spin:key-value/key-value@3.0.0',
      'wasi:keyvalue/store@0.2.0-draft2',
    ])
      expect(summariseManifest(wasmManifest('x', 'x.wasm', [kv]))?.keyValueStores).toEqual(['default']);
    for (const http of ['wasi:http/outgoing-handler@0.2.10', 'wasi:http/client@0.3.0'])
      expect(wasmManifest('x', 'x.wasm', [http])).toContain('# allowed_outbound_hosts = [');
  });
});

describe('zips', () => {
  it('round-trip a project under one folder and find the app inside', async () => {
    const files = [
      { path: 'spin.toml', bytes: new TextEncoder().encode('spin_manifest_version = 2\n') },
      { path: 'dist/a.wasm', bytes: new Uint8Array([0, 97, 115, 109]) },
    ];
    const entries = await fromZip(toZip('my-app', files));
    expect(entries.map((e) => e.path).sort()).toEqual(['my-app/dist/a.wasm', 'my-app/spin.toml']);
    expect(
      appFiles(entries)
        .map((e) => e.path)
        .sort(),
    ).toEqual(['dist/a.wasm', 'spin.toml']);
    expect(() => appFiles([{ path: 'x.txt', bytes: new Uint8Array() }])).toThrow(/no spin.toml/);
  });
});

describe('requests as code', () => {
  const spec = {
    method: 'POST',
    path: 'todos',
    headers: 'content-type: application/json',
    body: `{"t":"it's"}`,
  };
  it('as curl, quoted for the shell', () => {
    expect(toCurl(spec, 'http://p1.swerve.localhost:4173')).toBe(
      `curl -X POST -H 'content-type: application/json' --data-raw '{"t":"it'\\''s"}' 'http://p1.swerve.localhost:4173/todos'`,
    );
  });
  it('as fetch', () => {
    expect(toFetch({ ...spec, method: 'GET' }, 'http://o')).toContain('"headers"');
    expect(toFetch({ method: 'GET', path: '/', headers: '', body: '' }, 'http://o')).toBe(
      'await fetch("http://o/");',
    );
  });
});

describe('response bodies', () => {
  const bytes = (text: string) => new TextEncoder().encode(text);
  it('pretty-prints JSON, keeps text, and shows images as data URLs', () => {
    expect(showBody('application/json', bytes('{"a":1}'))).toEqual({ kind: 'json', text: '{\n  "a": 1\n}' });
    expect(showBody('text/html; charset=utf-8', bytes('<p>')).kind).toBe('html');
    expect(showBody('image/png', new Uint8Array([1, 2])).kind).toBe('image');
    expect(showBody('', new Uint8Array([0xff, 0xfe])).kind).toBe('binary');
    expect(showBody('text/plain', new Uint8Array()).kind).toBe('empty');
  });
});

describe('templates and paths', () => {
  it('drop build sections only', () => {
    const text =
      '[component.a]\nsource = "a.wasm"\n\n[component.a.build]\ncommand = "make"\n\n[variables]\nx = { default = "1" }\n';
    expect(withoutBuildSections(text)).toBe(
      '[component.a]\nsource = "a.wasm"\n\n[variables]\nx = { default = "1" }\n',
    );
  });
  it('normalise paths and refuse ones that leave the project', () => {
    expect(normalisePath('./a//b\\c')).toBe('a/b/c');
    expect(normalisePath('../x')).toBeUndefined();
  });
});
