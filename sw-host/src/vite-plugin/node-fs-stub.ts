/**
 * Stands in for `node:fs/promises` in the worker bundle. jco's generator imports it only on its
 * Node.js code path (to read its own Wasm from disk), which never runs in a browser.
 */
export function readFile(): never {
  throw new Error('node:fs/promises is not available in the browser (jco took its Node.js path by mistake).');
}
