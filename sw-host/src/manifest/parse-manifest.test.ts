import { describe, expect, it } from 'vitest';
import { parseManifest } from './parse-manifest.ts';

const shop = `spin_manifest_version = 2

[application]
name = "shop"
version = "1.2.0"
description = "A shop"
authors = ["Ada <ada@example.com>"]

[application.trigger.http]
base = "/"

[variables]
api_host = { default = "api.example.com" }
api_token = { required = true, secret = true, description = "Token for the API" }

[[trigger.http]]
route = "/..."
component = "web"

[[trigger.http]]
route = "/api/:version/..."
component = "api"

[[trigger.http]]
route = { private = true }
component = "backend"

[[trigger.http]]
route = "/health"
static_response = { status_code = 200, headers = { content-type = "text/plain" }, body = "ok" }

[[trigger.http]]
route = "/inline"
component = { source = "inline.wasm", environment = { MODE = "inline" } }

[[trigger.http]]
id = "custom"
route = "/inline2"
component = { source = "inline2.wasm" }

[[trigger.http]]
route = "/api-again"
component = "api"

[component.web]
source = "web.wasm"
files = ["static/**/*", { source = "assets", destination = "/assets" }]
exclude_files = ["static/secret/**"]

[component.api]
description = "The API"
source = { url = "https://example.com/api.wasm", digest = "sha256:abc" }
allowed_outbound_hosts = ["https://{{ api_host }}", "http://backend.spin.internal"]
key_value_stores = ["default", "cache"]
environment = { LOG = "debug" }
variables = { base_url = "https://{{ api_host }}/v1", token = "{{ api_token }}" }

[component.api.build]
command = ["npm install", "npm run build"]
workdir = "api"
watch = ["src/**/*.ts"]

[component.backend]
source = "backend.wasm"
`;

describe('parseManifest', () => {
  const manifest = parseManifest(shop, 'spin.toml');

  it('reads [application]', () => {
    expect(manifest.fileName).toBe('spin.toml');
    expect(manifest.application).toEqual({
      name: 'shop',
      version: '1.2.0',
      description: 'A shop',
      authors: ['Ada <ada@example.com>'],
      navigation: { frameAncestors: [], formsFrom: [] },
    });
  });

  it('reads [application.tool.swerve], and warns that it widens what other origins may do', () => {
    const widened = parseManifest(
      `${shop}\n[application.tool.swerve]\nframe_ancestors = ["https://docs.example.com"]\nforms_from = ["*"]\n`,
      'spin.toml',
    );
    expect(widened.application.navigation).toEqual({
      frameAncestors: ['https://docs.example.com'],
      formsFrom: ['*'],
    });
    expect(widened.warnings).toEqual(
      expect.arrayContaining([
        expect.stringContaining('frame_ancestors lets pages of https://docs.example.com frame'),
        expect.stringContaining('forms_from lets pages of * send this app forms'),
      ]),
    );
  });

  it('reads [variables]', () => {
    expect(manifest.variables).toEqual({
      api_host: { required: false, default: 'api.example.com', secret: false },
      api_token: { required: true, secret: true, description: 'Token for the API' },
    });
  });

  it('gives triggers the ids Spin gives them, and keeps routes as written', () => {
    expect(manifest.triggers.map((t) => [t.index, t.id, t.route, t.handler])).toEqual([
      [
        1,
        'web-http-trigger',
        { kind: 'pattern', pattern: '/...' },
        { kind: 'component', componentId: 'web' },
      ],
      [
        2,
        'api-http-trigger',
        { kind: 'pattern', pattern: '/api/:version/...' },
        { kind: 'component', componentId: 'api' },
      ],
      [3, 'backend-http-trigger', { kind: 'private' }, { kind: 'component', componentId: 'backend' }],
      [
        4,
        'http-trigger1',
        { kind: 'pattern', pattern: '/health' },
        {
          kind: 'static-response',
          response: { status: 200, headers: [['content-type', 'text/plain']], body: 'ok' },
        },
      ],
      [
        5,
        'http-trigger2',
        { kind: 'pattern', pattern: '/inline' },
        { kind: 'component', componentId: 'http-trigger2-component' },
      ],
      [
        6,
        'custom',
        { kind: 'pattern', pattern: '/inline2' },
        { kind: 'component', componentId: 'custom-component' },
      ],
      // `api-http-trigger` is taken, so the counter is used.
      [
        7,
        'http-trigger3',
        { kind: 'pattern', pattern: '/api-again' },
        { kind: 'component', componentId: 'api' },
      ],
    ]);
  });

  it('moves inline components out under generated ids, after the declared ones', () => {
    expect(Object.keys(manifest.components)).toEqual([
      'web',
      'api',
      'backend',
      'http-trigger2-component',
      'custom-component',
    ]);
    expect(manifest.components['http-trigger2-component']).toMatchObject({
      id: 'http-trigger2-component',
      inline: true,
      source: { kind: 'local', path: 'inline.wasm' },
      environment: { MODE: 'inline' },
    });
  });

  it('reads components', () => {
    expect(manifest.components['web']).toEqual({
      id: 'web',
      inline: false,
      source: { kind: 'local', path: 'web.wasm' },
      files: [
        { kind: 'glob', pattern: 'static/**/*' },
        { kind: 'placement', source: 'assets', destination: '/assets' },
      ],
      excludeFiles: ['static/secret/**'],
      allowedOutboundHosts: [],
      keyValueStores: [],
      sqliteDatabases: [],
      aiModels: [],
      environment: {},
      variables: {},
    });
    expect(manifest.components['api']).toEqual({
      id: 'api',
      inline: false,
      description: 'The API',
      source: { kind: 'remote', url: 'https://example.com/api.wasm', digest: 'sha256:abc' },
      files: [],
      excludeFiles: [],
      allowedOutboundHosts: ['https://{{ api_host }}', 'http://backend.spin.internal'],
      keyValueStores: ['default', 'cache'],
      sqliteDatabases: [],
      aiModels: [],
      environment: { LOG: 'debug' },
      variables: { base_url: 'https://{{ api_host }}/v1', token: '{{ api_token }}' },
      build: { commands: ['npm install', 'npm run build'], workdir: 'api', watch: ['src/**/*.ts'] },
    });
  });

  it('passes on what Spin only warns about', () => {
    expect(manifest.warnings).toEqual([
      '[application.trigger.http] sets the deprecated `base` to "/", its default; remove it (Spin may refuse it in the future).',
    ]);
  });

  it('is plain data that survives JSON', () => {
    expect(JSON.parse(JSON.stringify(manifest))).toEqual(manifest);
  });
});

const app = (body: string) => `spin_manifest_version = 2\n[application]\nname = "app"\n\n${body}`;

describe('Spin’s id rules', () => {
  it('falls back to counters when the natural ids are taken or not kebab-case', () => {
    const manifest = parseManifest(
      app(`[[trigger.http]]
id = "web-http-trigger"
route = "/a"
component = "other"

[[trigger.http]]
route = "/b"
component = "web"

[[trigger.http]]
id = "my_trigger"
route = "/c"
component = { source = "c.wasm" }

[[trigger.http]]
id = "x"
route = "/d"
component = { source = "d.wasm" }

[component.web]
source = "web.wasm"

[component.other]
source = "other.wasm"

[component.x-component]
source = "taken.wasm"
`),
      'spin.toml',
    );
    expect(
      manifest.triggers.map((t) => [t.id, t.handler.kind === 'component' ? t.handler.componentId : '-']),
    ).toEqual([
      ['web-http-trigger', 'other'],
      ['http-trigger1', 'web'],
      ['my_trigger', 'inline-component1'],
      ['x', 'inline-component2'],
    ]);
  });

  it('accepts the fields Spin reads for other tools, and upper-case kebab words', () => {
    const manifest = parseManifest(
      app(
        `targets = ["spin-up:3.3"]
[application.tool.my-tool]
setting = 1

[[trigger.http]]
route = "/"
component = "my-API"
executor = { type = "spin" }

[component.my-API]
source = "a.wasm"
targets = ["spin-up:3.3"]
sqlite_databases = ["default"]
ai_models = ["llama2-chat"]
dependencies_inherit_configuration = true
tool.my-tool = { x = 1 }
profile.debug.source = "debug.wasm"
build.command = "make"
`.replace('targets = ["spin-up:3.3"]\n[application.tool', '[application.tool'),
      ),
      'spin.toml',
    );
    expect(manifest.components['my-API']).toMatchObject({
      sqliteDatabases: ['default'],
      aiModels: ['llama2-chat'],
      build: { commands: ['make'], watch: [] },
    });
  });
});

describe('warnings', () => {
  it('converts the deprecated allowed_http_hosts as Spin does', () => {
    const manifest = parseManifest(
      app(`[[trigger.http]]
route = "/"
component = "a"

[component.a]
source = "a.wasm"
allowed_outbound_hosts = ["https://kept.example"]
allowed_http_hosts = ["example.com", "https://api.example.com:8443", "self"]
`),
      'spin.toml',
    );
    expect(manifest.components['a']?.allowedOutboundHosts).toEqual([
      'https://kept.example',
      'http://example.com',
      'https://example.com',
      'http://api.example.com:8443',
      'https://api.example.com:8443',
      'http://self',
    ]);
    expect(manifest.warnings).toEqual([
      'Component "a" uses the deprecated field `allowed_http_hosts`; replace it with allowed_outbound_hosts = ["http://example.com","https://example.com","http://api.example.com:8443","https://api.example.com:8443","http://self"].',
    ]);
  });

  it('ignores other trigger types and unknown static_response fields, with a warning', () => {
    const manifest = parseManifest(
      app(`[[trigger.http]]
route = "/"
static_response = { status = 404, body = "gone" }

[[trigger.cron]]
component = "tick"
cron_expression = "1/2 * * * * *"

[component.tick]
source = "tick.wasm"
`),
      'spin.toml',
    );
    expect(manifest.warnings).toEqual([
      '[[trigger.cron]] is ignored: Swerve runs HTTP triggers only.',
      '[[trigger.http]] #1: `static_response.status` is not a field of a static response and is ignored, as Spin ignores it. Did you mean `static_response.status_code`?',
    ]);
    expect(manifest.triggers[0]?.handler).toEqual({
      kind: 'static-response',
      response: { status: 200, headers: [], body: 'gone' },
    });
  });
});
