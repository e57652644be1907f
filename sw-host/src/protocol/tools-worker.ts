/**
 * The messages between a page and its tools worker (tools-worker/main.ts), which makes
 * components of core modules with their WIT embedded (client/componentize.ts): one request,
 * the module's bytes, and one reply, the component's bytes or why there is none. Bytes are
 * transferred both ways.
 */
export type ToolsRequest = { bytes: Uint8Array };
export type ToolsReply = { ok: true; bytes: Uint8Array } | { ok: false; error: string };
