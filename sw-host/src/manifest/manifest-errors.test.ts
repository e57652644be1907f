import { describe, expect, it } from 'vitest';
import { SwerveError } from '../errors.ts';
import { parseManifest } from './parse-manifest.ts';

// Lines 1-4; whatever follows starts on line 5.
const header = 'spin_manifest_version = 2\n[application]\nname = "app"\n\n';
const trigger = '[[trigger.http]]\nroute = "/..."\ncomponent = "api"\n\n';
const api = '[component.api]\nsource = "api.wasm"\n';

function errorFor(text: string): SwerveError {
  try {
    parseManifest(text, 'spin.toml');
  } catch (error) {
    if (error instanceof SwerveError) return error;
    throw error;
  }
  throw new Error('the manifest was accepted');
}

describe('parseManifest refuses bad manifests, saying where and what to write', () => {
  it.each([
    [
      'a TOML syntax error',
      'spin_manifest_version = 2\n[application]\nname = "app\n',
      'spin.toml:3:12: this is not valid TOML (control characters are not allowed in strings); fix the syntax there (see https://toml.io).\n2:  [application]\n3:  name = "app\n               ^\n',
    ],
    [
      'a missing version',
      '[application]\nname = "app"\n',
      'spin.toml: The first line must say which manifest version this is: write spin_manifest_version = 2.',
    ],
    [
      'version 1 written as a number',
      'spin_manifest_version = 1\nname = "app"\n',
      'spin.toml:1: A version 1 manifest writes its version as a string: write spin_manifest_version = "1", or upgrade the manifest to version 2 and write spin_manifest_version = 2.',
    ],
    [
      'an unknown version',
      'spin_manifest_version = 3\n',
      'spin.toml:1: `spin_manifest_version` must be 2, not 3; write spin_manifest_version = 2.',
    ],
    [
      'a missing [application]',
      `spin_manifest_version = 2\n\n${trigger}${api}`,
      'spin.toml: The [application] table is missing; add one with at least a name: [application] name = "my-app".',
    ],
    [
      'a trigger with both component and static_response',
      `${header}[[trigger.http]]\nroute = "/"\ncomponent = "api"\nstatic_response = { body = "x" }\n\n${api}`,
      'spin.toml:5: [[trigger.http]] #1: It has both `component` and `static_response`, but a trigger takes exactly one: keep `component` to run a component, or `static_response` to answer with fixed content.',
    ],
    [
      'a trigger with neither',
      `${header}[[trigger.http]]\nroute = "/"\n\n${api}`,
      'spin.toml:5: [[trigger.http]] #1: It has neither `component` nor `static_response`; add the component that handles the route, as in component = "my-component", or a static_response = { body = "..." }.',
    ],
    [
      'an unknown component id, with a likely fix',
      `${header}[[trigger.http]]\nroute = "/"\ncomponent = "apj"\n\n${api}`,
      'spin.toml:7: [[trigger.http]] #1: `component = "apj"` names no component. Did you mean "api"? Add a [component.apj] table, or correct the id.',
    ],
    [
      'an unknown component id, listing the components',
      `${header}[[trigger.http]]\nroute = "/"\ncomponent = "frontend"\n\n${api}`,
      'spin.toml:7: [[trigger.http]] #1: `component = "frontend"` names no component. The components are "api". Add a [component.frontend] table, or correct the id.',
    ],
    [
      'a component reference that is not kebab-case',
      `${header}[[trigger.http]]\nroute = "/"\ncomponent = "my_api"\n\n${api}`,
      `spin.toml:7: [[trigger.http]] #1: "my_api" is not a valid component id: words must be separated with '-', not '_'; did you mean "my-api"?`,
    ],
    [
      'a component id that is not kebab-case',
      `${header}[[trigger.http]]\nroute = "/"\ncomponent = "myApi"\n\n[component.myApi]\nsource = "a.wasm"\n`,
      `spin.toml:9: [component.myApi]: "myApi" is not a valid component id: '-'-separated words must be all lowercase or all UPPERCASE; got "myApi". Component ids are kebab-case; write [component.my-api].`,
    ],
    [
      'a bad variable name',
      `${header}[variables]\napiToken = { default = "x" }\n\n${trigger}${api}`,
      `spin.toml:6: [variables]: "apiToken" is not a valid variable name: '_'-separated words must be all lowercase or all UPPERCASE; got "apiToken". Variable names are lower_snake_case; write "api_token".`,
    ],
    [
      'a variable both required and with a default',
      `${header}[variables]\ntoken = { required = true, default = "x" }\n\n${trigger}${api}`,
      'spin.toml:6: [variables]: `token` is both required and has a default, but a variable is one or the other: remove `required = true` to keep the default, or the default to make it required.',
    ],
    [
      'required = false without a default',
      `${header}[variables]\ntoken = { required = false }\n\n${trigger}${api}`,
      'spin.toml:6: [variables]: `token` has no default and is not required: give it one, as in token = { default = "value" }, or write token = { required = true } to demand a value at deploy.',
    ],
    [
      'a variable written as a bare value',
      `${header}[variables]\ntoken = "x"\n\n${trigger}${api}`,
      'spin.toml:6: [variables]: `token` must be a table, not a string; write token = { default = "value" } or token = { required = true }.',
    ],
    [
      'a component variable over an undeclared variable',
      `${header}[variables]\napi_host = { default = "x" }\n\n${trigger}${api}variables = { url = "https://{{ api_hots }}/v1" }\n`,
      'spin.toml:14: [component.api]: `variables.url` uses {{ api_hots }}, but [variables] declares no "api_hots"; did you mean "api_host"? Otherwise declare it in [variables].',
    ],
    [
      'a malformed template',
      `${header}${trigger}${api}variables = { url = "https://{{ api_host" }\n`,
      `spin.toml:11: [component.api]: The template of \`variables.url\`, "https://{{ api_host", is not valid: unmatched '{{' in template. Close every {{ with }}.`,
    ],
    [
      'an unknown component field',
      `${header}${trigger}${api}sorce = "x.wasm"\n`,
      'spin.toml:11: [component.api]: `sorce` is not a field Spin knows here. Did you mean `source`? The fields are: source, description, variables, environment, files, exclude_files, allowed_http_hosts, allowed_outbound_hosts, key_value_stores, sqlite_databases, ai_models, targets, build, tool, dependencies_inherit_configuration, dependencies, profile.',
    ],
    [
      'an unknown top-level table',
      `${header}${trigger}${api}\n[compnent.web]\nsource = "web.wasm"\n`,
      'spin.toml:12: `compnent` is not a field Spin knows here. Did you mean `component`? The fields are: spin_manifest_version, application, variables, trigger, component.',
    ],
    [
      'an unknown trigger field',
      `${header}[[trigger.http]]\nroute = "/"\ncomponent = "api"\nroutes = "/x"\n\n${api}`,
      'spin.toml:8: [[trigger.http]] #1: `routes` is not a field Spin knows here. Did you mean `route`? The fields are: id, route, component, static_response, executor, components, dependencies.',
    ],
    [
      'no trigger',
      `${header}${api}`,
      'spin.toml: There is no [[trigger.http]] table; add one for each route, as in [[trigger.http]] route = "/..." component = "my-component".',
    ],
    [
      'a trigger table with one bracket',
      `${header}[trigger.http]\nroute = "/"\ncomponent = "api"\n\n${api}`,
      'spin.toml:5: [trigger.http]: HTTP triggers are an array of tables: write [[trigger.http]], with two brackets.',
    ],
    [
      'route = { private = false }',
      `${header}[[trigger.http]]\nroute = { private = false }\ncomponent = "api"\n\n${api}`,
      'spin.toml:6: [[trigger.http]] #1: The route table of component "api" must be { private = true }; for a public route write a path, as in route = "/api/...".',
    ],
    [
      'a missing route',
      `${header}[[trigger.http]]\ncomponent = "api"\n\n${api}`,
      'spin.toml:5: [[trigger.http]] #1: `route` is missing; add the path it answers, as in route = "/api/...", or route = { private = true } for a component reached only by service chaining.',
    ],
    [
      'an unnamed :param',
      `${header}[[trigger.http]]\nroute = "/users/:"\ncomponent = "api"\n\n${api}`,
      'spin.toml:6: [[trigger.http]] #1: The route "/users/:" is not valid: params must be named. Routes look like "/cart", "/users/:id" or "/static/...".',
    ],
    [
      'a wildcard before the end',
      `${header}[[trigger.http]]\nroute = "/a/*/b"\ncomponent = "api"\n\n${api}`,
      'spin.toml:6: [[trigger.http]] #1: The route "/a/*/b" is not valid: a wildcard may only come last; write `/...` at the end of the route. Routes look like "/cart", "/users/:id" or "/static/...".',
    ],
    [
      'a bare * outbound host',
      `${header}${trigger}${api}allowed_outbound_hosts = ["*"]\n`,
      'spin.toml:11: [component.api]: "*" is not an allowed outbound host: entries are written scheme://host[:port], with * allowed in each part. To allow all outbound networking, write "*://*:*" (this turns network sandboxing off; see https://spinframework.dev/v3/http-outbound#granting-http-permissions-to-components).',
    ],
    [
      'an outbound host with a path',
      `${header}${trigger}${api}allowed_outbound_hosts = ["https://api.example.com/v1"]\n`,
      'spin.toml:11: [component.api]: "https://api.example.com/v1": it has a path, which entries cannot have: write "https://api.example.com".',
    ],
    [
      'an outbound host over an undeclared variable',
      `${header}${trigger}${api}allowed_outbound_hosts = ["https://{{ host }}"]\n`,
      'spin.toml:11: [component.api]: The entry "https://{{ host }}" uses {{ host }}, but [variables] declares no "host"; declare it, as in host = { default = "api.example.com" }.',
    ],
    [
      'an outbound host whose default makes it invalid',
      `${header}[variables]\nhost = { default = "bad host" }\n\n${trigger}${api}allowed_outbound_hosts = ["https://{{ host }}"]\n`,
      'spin.toml:14: [component.api]: "https://{{ host }}" expands to "https://bad host", and "https://bad host": "bad host" is not a valid host name: it contains " ".',
    ],
    [
      'a missing source',
      `${header}${trigger}[component.api]\ndescription = "x"\n`,
      'spin.toml:9: [component.api]: `source` is missing; add the component\'s Wasm file, as in source = "target/wasm32-wasip2/release/app.wasm".',
    ],
    [
      'a registry source',
      `${header}${trigger}[component.api]\nsource = { registry = "ttl.sh", package = "a:b", version = "1.0.0" }\n`,
      'spin.toml:10: [component.api]: Swerve cannot fetch components from a registry; download the component and write its path, as in source = "target/wasm32-wasip2/release/app.wasm", or give its { url, digest }.',
    ],
    [
      'a digest without sha256:',
      `${header}${trigger}[component.api]\nsource = { url = "https://x/a.wasm", digest = "abc" }\n`,
      'spin.toml:10: [component.api]: `source.digest` must start with "sha256:", followed by the SHA-256 of the file in hex.',
    ],
    [
      'a field of the wrong type',
      `${header}${trigger}${api}files = "static/*"\n`,
      'spin.toml:11: [component.api]: `files` must be an array, not a string; write it as in files = ["static/**/*", { source = "assets", destination = "/" }].',
    ],
    [
      'a bad key-value store label',
      `${header}${trigger}${api}key_value_stores = ["my store"]\n`,
      'spin.toml:11: [component.api]: The label "my store" in `key_value_stores` is not valid: expected kebab-case or snake_case, as in key_value_stores = ["default"].',
    ],
    [
      'a build table without a command',
      `${header}${trigger}${api}\n[component.api.build]\nwatch = ["src/**"]\n`,
      'spin.toml:12: [component.api]: `build.command` is missing; add it, as in command = "cargo build --release".',
    ],
    [
      'component dependencies',
      `${header}${trigger}${api}dependencies = { "my:dep/import" = { path = "dep.wasm" } }\n`,
      'spin.toml:11: [component.api]: Swerve does not compose component dependencies yet; compose them ahead of time (for example with `wac plug`), point `source` at the result, and remove `dependencies`.',
    ],
    [
      'the Wagi executor',
      `${header}[[trigger.http]]\nroute = "/"\ncomponent = "api"\nexecutor = { type = "wagi" }\n\n${api}`,
      'spin.toml:8: [[trigger.http]] #1: Swerve does not run Wagi components; build the component for wasi:http (the default executor) and remove `executor`.',
    ],
    [
      'a static status a browser cannot send',
      `${header}[[trigger.http]]\nroute = "/"\nstatic_response = { status_code = 700 }\n\n${api}`,
      'spin.toml:7: [[trigger.http]] #1: `static_response.status_code` is 700, but a browser can only answer with a status from 200 to 599; pick one in that range.',
    ],
    [
      'a body on a 204',
      `${header}[[trigger.http]]\nroute = "/"\nstatic_response = { status_code = 204, body = "x" }\n\n${api}`,
      'spin.toml:7: [[trigger.http]] #1: A 204 response cannot have a body; remove `static_response.body` or use another status.',
    ],
    [
      'two triggers with one id',
      `${header}[[trigger.http]]\nid = "t"\nroute = "/a"\ncomponent = "api"\n\n[[trigger.http]]\nid = "t"\nroute = "/b"\ncomponent = "api"\n\n${api}`,
      'spin.toml:11: [[trigger.http]] #2: The trigger id "t" is used by an earlier trigger too; give each trigger its own id.',
    ],
    [
      'a base other than /',
      `spin_manifest_version = 2\n[application]\nname = "app"\n[application.trigger.http]\nbase = "/shop"\n\n${trigger}${api}`,
      'spin.toml:5: [application.trigger.http]: The deprecated `base` must be "/" if present; prepend "/shop" to each [[trigger.http]] route instead, and remove `base`.',
    ],
  ])('%s', (_, text, message) => {
    const error = errorFor(text);
    expect(error.code).toBe('manifest-invalid');
    expect(error.message).toBe(`[swerve] Invalid Spin manifest. ${message}`);
  });

  it('refuses [application.tool.swerve] entries that are not origins, and fields it does not have', () => {
    const error = errorFor(
      `${header}[application.tool.swerve]\nframe_ancestors = ["https://docs.example.com/page"]\nforms_form = ["*"]\n\n${trigger}${api}`,
    );
    expect(error.message).toContain(
      '"https://docs.example.com/page" in frame_ancestors is not an origin: write scheme://host[:port] in lower case',
    );
    expect(error.message).toContain('forms_form');
    expect(error.message).toContain('forms_from');
  });

  it('reports every problem at once, in file order', () => {
    const text = `spin_manifest_version = 2
[application]
name = 3

[variables]
token = { required = false }

[[trigger.http]]
route = "/a"
component = "missing"

[component.api]
source = "api.wasm"
allowed_outbound_hosts = ["example.com"]
`;
    expect(errorFor(text).message).toBe(
      [
        '[swerve] Invalid Spin manifest (4 problems):',
        'spin.toml:3: [application]: `name` must be a string, not an integer; write it as in name = "my-app".',
        'spin.toml:6: [variables]: `token` has no default and is not required: give it one, as in token = { default = "value" }, or write token = { required = true } to demand a value at deploy.',
        'spin.toml:10: [[trigger.http]] #1: `component = "missing"` names no component. The components are "api". Add a [component.missing] table, or correct the id.',
        'spin.toml:14: [component.api]: "example.com" has no scheme: write it with one, as in "https://example.com".',
      ].join('\n'),
    );
  });

  it('names the file it was given', () => {
    expect(errorFor('spin_manifest_version = 3\n').message).toBe(
      '[swerve] Invalid Spin manifest. spin.toml:1: `spin_manifest_version` must be 2, not 3; write spin_manifest_version = 2.',
    );
    expect(() => parseManifest('spin_manifest_version = 3\n', 'apps/shop/spin.toml')).toThrow(
      '[swerve] Invalid Spin manifest. apps/shop/spin.toml:1:',
    );
  });

  it('keeps the TOML error as the cause', () => {
    expect(errorFor('a = ').cause).toBeInstanceOf(Error);
  });
});
