// A JSON API with itty-router, which the runner provides by name.
import { AutoRouter } from 'itty-router';
import { greeting } from './greeting.js';

const router = AutoRouter();

router
  .get('/', () => ({ routes: ['GET /hello/:name', 'POST /echo'] }))
  .get('/hello/:name', ({ name }) => ({ message: greeting(name) }))
  .post('/echo', async (request) => ({ received: await request.json() }));

export default { fetch: (request) => router.fetch(request) };
