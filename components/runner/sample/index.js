/* global addEventListener */
// A handler as the Spin JS SDK's http-ts template writes it (itty-router), with Spin's
// key-value and variables under the SDK's package names, and a module of its own.
import { AutoRouter } from 'itty-router';
import * as Kv from '@spinframework/spin-kv';
import * as Variables from '@spinframework/spin-variables';
import { greet } from './lib/greet.js';

const router = AutoRouter();

router
  .get('/', () => new Response('hello from the runner\n'))
  .get('/hello/:name', ({ name }) => greet(Variables.get('greeting') ?? 'Hello', name))
  .get('/count', () => {
    const store = Kv.openDefault();
    const count = (store.getJson('count') ?? 0) + 1;
    store.setJson('count', count);
    return { count };
  });

addEventListener('fetch', (event) => {
  event.respondWith(router.fetch(event.request));
});
