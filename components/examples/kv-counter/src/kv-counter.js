// Counts visits per path with Spin's key-value API (fermyon:spin/key-value@2.0.0): the count
// lives in the host's store, since every request gets a fresh instance.
// A get then a set is not atomic: parallel visits to one path may count once, as on Spin.
import { Store } from 'fermyon:spin/key-value@2.0.0';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function json(body, status = 200) {
  return new Response(JSON.stringify(body) + '\n', {
    status,
    headers: { 'content-type': 'application/json' },
  });
}

function countVisit(path) {
  const store = Store.open('default');
  const key = `visits:${path}`;
  const previous = store.get(key);
  const count = (previous === undefined ? 0 : Number(decoder.decode(previous))) + 1;
  store.set(key, encoder.encode(String(count)));
  return count;
}

addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  // `?no-kv` answers the same shape without touching the store: the benchmark's comparison.
  if (url.searchParams.has('no-kv')) {
    event.respondWith(json({ path: url.pathname, count: null }));
    return;
  }
  try {
    event.respondWith(json({ path: url.pathname, count: countVisit(url.pathname) }));
  } catch (error) {
    event.respondWith(json({ error: String(error?.payload?.tag ?? error) }, 500));
  }
});
