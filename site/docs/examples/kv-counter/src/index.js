// Counts requests per path in Spin's default key-value store (kept in this browser's IndexedDB).
import { openDefault } from '@spinframework/spin-kv';

export default {
  fetch(request) {
    const store = openDefault();
    const key = `count:${new URL(request.url).pathname}`;
    const count = (store.getJson(key) ?? 0) + 1;
    store.setJson(key, count);
    return Response.json({ key, count });
  },
};
