/**
 * The spin.toml written around an uploaded component: one component answering every path,
 * which the user then edits (routes, variables, stores) like any other manifest.
 */

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

export function wasmManifest(id: string, source: string): string {
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
# key_value_stores = ["default"]
# files = ["static/**/*"]
`;
}
