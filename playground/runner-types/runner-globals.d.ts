/**
 * The runner's globals beside the standard ones of a worker (Request, Response, fetch, URL...):
 * a handler registers with `addEventListener('fetch', ...)`, as the Spin JS SDK's templates do.
 */

/** Registers the handler of each request: call `event.respondWith(response)`. */
declare function addEventListener(type: 'fetch', listener: (event: FetchEvent) => void): void;
