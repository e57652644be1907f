import { describe, expect, it } from 'vitest';
import { SwerveError } from '../errors.ts';
import { parseManifest } from './parse-manifest.ts';

/** A typical Spin 1 HTTP app, as `spin new` wrote them before Spin 2. */
const shopV1 = `spin_manifest_version = "1"
name = "shop"
version = "1.0.0"
description = "A shop"
authors = ["Ada <ada@example.com>"]
trigger = { type = "http", base = "/" }

[variables]
api_host = { default = "api.example.com" }
api_token = { required = true, secret = true }

[[component]]
id = "web_UI"
source = "web/main.wasm"
description = "The pages"
files = ["static/**/*", { source = "assets", destination = "/assets" }]
exclude_files = ["static/drafts/**"]
[component.trigger]
route = "/..."
[component.build]
command = "npm run build"
workdir = "web"
watch = ["src/**/*.js"]

[[component]]
id = "api"
source = { url = "https://example.com/api.wasm", digest = "sha256:abc" }
allowed_http_hosts = ["example.com", "localhost:3000", "https://api.example.com:8443/", "http://backend:80", "self"]
key_value_stores = ["default", "cache"]
sqlite_databases = ["default"]
environment = { LOG = "debug" }
[component.config]
api_url = "https://{{ api_host }}/v1"
token = "{{ api_token }}"
[component.trigger]
route = "/api/..."
executor = { type = "spin" }
`;

/** The same app in version 2, as `spin doctor` writes it. */
const shopV2 = `spin_manifest_version = 2

[application]
name = "shop"
version = "1.0.0"
description = "A shop"
authors = ["Ada <ada@example.com>"]

[variables]
api_host = { default = "api.example.com" }
api_token = { required = true, secret = true }

[[trigger.http]]
id = "trigger-web-ui"
component = "web-ui"
route = "/..."

[[trigger.http]]
id = "trigger-api"
component = "api"
route = "/api/..."
executor = { type = "spin" }

[component.web-ui]
source = "web/main.wasm"
description = "The pages"
files = ["static/**/*", { source = "assets", destination = "/assets" }]
exclude_files = ["static/drafts/**"]
allowed_outbound_hosts = ["redis://*:*", "mysql://*:*", "postgres://*:*"]
[component.web-ui.build]
command = "npm run build"
workdir = "web"
watch = ["src/**/*.js"]

[component.api]
source = { url = "https://example.com/api.wasm", digest = "sha256:abc" }
allowed_outbound_hosts = [
  "redis://*:*", "mysql://*:*", "postgres://*:*",
  "http://example.com", "https://example.com",
  "http://localhost:3000", "https://localhost:3000",
  "http://api.example.com:8443", "https://api.example.com:8443",
  "http://backend", "https://backend",
  "http://self",
]
key_value_stores = ["default", "cache"]
sqlite_databases = ["default"]
environment = { LOG = "debug" }
variables = { api_url = "https://{{ api_host }}/v1", token = "{{ api_token }}" }
`;

function errorFor(text: string): string {
  try {
    parseManifest(text, 'spin.toml');
  } catch (error) {
    if (error instanceof SwerveError) return error.message;
    throw error;
  }
  throw new Error('the manifest was accepted');
}

describe('a version 1 manifest', () => {
  const manifest = parseManifest(shopV1, 'spin.toml');

  it('reads as the version 2 manifest Spin converts it to', () => {
    const { warnings, ...converted } = manifest;
    const { warnings: noWarnings, ...expected } = parseManifest(shopV2, 'spin.toml');
    expect(noWarnings).toEqual([]);
    expect(converted).toEqual(expected);
    expect(warnings).toEqual([
      'spin.toml is a version 1 manifest, which Swerve converted to version 2 as Spin does. Upgrade the file: `spin doctor` rewrites it as version 2 (keeping a backup), or see https://spinframework.dev/manifest-reference.',
    ]);
  });

  it('gives each component a trigger named after it, with its route', () => {
    expect(manifest.triggers.map((t) => [t.id, t.route, t.handler])).toEqual([
      ['trigger-web-ui', { kind: 'pattern', pattern: '/...' }, { kind: 'component', componentId: 'web-ui' }],
      ['trigger-api', { kind: 'pattern', pattern: '/api/...' }, { kind: 'component', componentId: 'api' }],
    ]);
  });

  it('turns config into component variables, over the app variables', () => {
    expect(manifest.components['api']?.variables).toEqual({
      api_url: 'https://{{ api_host }}/v1',
      token: '{{ api_token }}',
    });
    expect(manifest.variables['api_token']).toEqual({ required: true, secret: true });
  });

  it('fixes up ids as Spin does: "_" becomes "-", then letters are lower-cased', () => {
    const text = `spin_version = "1"
name = "ids"
trigger = { type = "http" }
[[component]]
id = "snake_case"
source = "a.wasm"
trigger = { route = "/a" }
[[component]]
id = "mixedCase"
source = "b.wasm"
trigger = { route = "/b" }
`;
    const { components, triggers } = parseManifest(text, 'spin.toml');
    expect(Object.keys(components)).toEqual(['snake-case', 'mixedcase']);
    expect(triggers.map((t) => t.id)).toEqual(['trigger-snake-case', 'trigger-mixedcase']);
  });

  it('appends converted HTTP hosts to an explicit allowed_outbound_hosts, without the old database access', () => {
    const text = `spin_manifest_version = "1"
name = "all"
trigger = { type = "http" }
[[component]]
id = "open"
source = "a.wasm"
allowed_outbound_hosts = ["redis://cache.example:6379"]
allowed_http_hosts = ["example.com", "insecure:allow-all"]
[component.trigger]
route = "/..."
`;
    expect(parseManifest(text, 'spin.toml').components['open']?.allowedOutboundHosts).toEqual([
      'redis://cache.example:6379',
      'http://*:*',
      'https://*:*',
      'http://self',
    ]);
  });

  it('reports every problem at the line written, naming version 1 fields', () => {
    const text = `spin_manifest_version = "1"
name = "broken"
trigger = { type = "http", base = "/shop" }
colour = "blue"

[[component]]
id = "api"
[component.config]
greeting = "{{ missing }}"
[component.trigger]
route = "/api/..."
executor = { type = "wagi" }
methods = ["GET"]

[[component]]
id = "9lives"
source = "cat.wasm"
trigger = { route = "/cat" }

[[component]]
id = "hosts"
source = "hosts.wasm"
trigger = { route = "/hosts" }
allowed_http_hosts = ["example.com", "https://example.com/path", "ftp://files.example.com"]
`;
    expect(errorFor(text)).toBe(
      [
        '[swerve] Invalid Spin manifest (9 problems):',
        'spin.toml:3: Spin 3 and later refuse a `base` other than "/" (Spin 2 put it in front of every route); write base = "/" and put "/shop" in front of each [component.trigger] route instead, as in route = "/shop/api/...".',
        'spin.toml:4: `colour` is not a field Spin knows here. The fields are: spin_manifest_version, spin_version, name, version, description, authors, trigger, variables, component.',
        'spin.toml:6: [[component]] "api": `source` is missing; add the component\'s Wasm file, as in source = "target/wasm32-wasip2/release/app.wasm".',
        'spin.toml:9: [[component]] "api": `config.greeting` uses {{ missing }}, but [variables] declares no "missing"; declare it in [variables], as in missing = { default = "value" }.',
        'spin.toml:12: [component.trigger] of "api": Swerve does not run Wagi components; build the component for wasi:http (the default executor) and remove `executor`.',
        'spin.toml:13: [[component]] "api": `trigger.methods` is not a field Spin knows here. The fields are: route, executor.',
        'spin.toml:16: [[component]] "9lives": "9lives" is not a valid component id, even with "_" made "-" and capitals made small as Spin does for version 1 manifests: \'-\'-separated words must start with an ASCII letter; got \'9\'. Component ids are kebab-case.',
        'spin.toml:24: [[component]] "hosts": "https://example.com/path" is not an http(s) URL with a host and nothing after it: `allowed_http_hosts` takes a host ("api.example.com"), a host and port ("localhost:3000") or an http(s) URL of one ("https://api.example.com:8443"). For anything else, write allowed_outbound_hosts = ["scheme://host:port"] instead.',
        'spin.toml:24: [[component]] "hosts": "ftp://files.example.com" is not an http(s) URL with a host and nothing after it: `allowed_http_hosts` takes a host ("api.example.com"), a host and port ("localhost:3000") or an http(s) URL of one ("https://api.example.com:8443"). For anything else, write allowed_outbound_hosts = ["scheme://host:port"] instead.',
      ].join('\n'),
    );
  });

  it.each([
    [
      'no trigger',
      'spin_manifest_version = "1"\nname = "app"\n[[component]]\nid = "a"\nsource = "a.wasm"\ntrigger = { route = "/" }\n',
      'spin.toml: `trigger` is missing; add the app\'s trigger, as in trigger = { type = "http", base = "/" }.',
    ],
    [
      'a trigger type other than HTTP',
      'spin_manifest_version = "1"\nname = "app"\ntrigger = { type = "redis", address = "redis://localhost" }\n[[component]]\nid = "a"\nsource = "a.wasm"\ntrigger = { channel = "x" }\n',
      'spin.toml:3: The app\'s trigger type is "redis", but Swerve runs HTTP apps only (trigger = { type = "http" }), so it cannot run this one.',
    ],
    [
      'a component without [component.trigger]',
      'spin_manifest_version = "1"\nname = "app"\ntrigger = { type = "http" }\n[[component]]\nid = "a"\nsource = "a.wasm"\n',
      'spin.toml:4: [[component]] "a": [component.trigger] is missing; add the route this component answers, as in [component.trigger] route = "/...".',
    ],
    [
      'two components with one id',
      'spin_manifest_version = "1"\nname = "app"\ntrigger = { type = "http" }\n[[component]]\nid = "a-b"\nsource = "a.wasm"\ntrigger = { route = "/a" }\n[[component]]\nid = "a_b"\nsource = "b.wasm"\ntrigger = { route = "/b" }\n',
      'spin.toml:9: [[component]] "a_b": The id "a_b" (read as "a-b") is already the id of [[component]] "a-b"; give each component its own id.',
    ],
    [
      'no components',
      'spin_manifest_version = "1"\nname = "app"\ntrigger = { type = "http" }\n',
      'spin.toml: There is no [[component]]; add one for each route, as in [[component]] id = "api" source = "api.wasm" [component.trigger] route = "/...".',
    ],
  ])('refuses %s, saying what to write', (_name, text, message) => {
    expect(errorFor(text)).toBe(`[swerve] Invalid Spin manifest. ${message}`);
  });
});
