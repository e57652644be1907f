// A fetch-event style handler: the shape most JavaScript developers know from service workers.
// StarlingMonkey turns it into an export of `wasi:http/incoming-handler`.
addEventListener('fetch', (event) => {
  event.respondWith(
    new Response('Hello from a WebAssembly component!\n', {
      headers: {
        'content-type': 'text/plain; charset=utf-8',
        'x-hello-from': 'wasm',
      },
    }),
  );
});
