/**
 * The plain JavaScript route: what `hello` answers, written in JavaScript in the worker itself.
 * It is the baseline component latency is compared with: the same service worker hop, no Wasm.
 */
export function plainResponse(): Response {
  return new Response('Hello from plain JavaScript!\n', {
    headers: { 'content-type': 'text/plain; charset=utf-8', 'x-hello-from': 'js' },
  });
}
