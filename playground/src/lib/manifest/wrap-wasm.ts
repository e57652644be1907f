/**
 * The spin.toml written around an uploaded component: one component answering every path,
 * which the user then edits (routes, variables, stores) like any other manifest. What the
 * component imports decides what it is given at once: one that uses a key-value store gets the
 * `default` store (without it every open is `access-denied`, and the upload would seem broken);
 * one that can send HTTP requests gets a commented `allowed_outbound_hosts` to fill in, since
 * which hosts it needs is not in the binary.
 */

/** Key-value interfaces: Spin's 2.0 and 3.0.0 and WASI's draft, as a component's imports name them. */
const KEY_VALUE_IMPORT = /^(fermyon:spin\/key-value@|spin:key-value\/|wasi:keyvalue\/)/;
/** Outgoing HTTP: WASI 0.2's outgoing handler, WASI 0.3's client. */
const OUTBOUND_IMPORT = /^wasi:http\/(outgoing-handler@0\.2|client@0\.3)/;

/** `My_App.v2.wasm` → `my-app-v2`: a name Spin accepts as an app and component id. */
export function idFromFileName(fileName: string): string {
  const id = fileName
    .replace(/\.wasm$/i, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .replace(/^(\d)/, 'app-$1');
  return id || 'app';
}

export function wasmManifest(id: string, source: string, imports: readonly string[] = []): string {
  const keyValue = imports.some((name) => KEY_VALUE_IMPORT.test(name))
    ? '# It uses a key-value store.\nkey_value_stores = ["default"]\n'
    : '# key_value_stores = ["default"]\n';
  const outbound = imports.some((name) => OUTBOUND_IMPORT.test(name))
    ? '# It can send HTTP requests: list the hosts it may reach.\n# allowed_outbound_hosts = ["https://example.com"]\n'
    : '';
  return `spin_manifest_version = 2

[application]
name = "${id}"
version = "0.1.0"
description = "An uploaded component."

[[trigger.http]]
route = "/..."
component = "${id}"

[component.${id}]
source = "${source}"
${keyValue}${outbound}# files = ["static/**/*"]
`;
}
