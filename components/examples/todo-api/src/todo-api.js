// A JSON REST API for todos, kept with wasi:keyvalue (as Spin 3 provides it):
//   GET    /todos        every todo, by id
//   POST   /todos        { "title": "..." } -> 201 with the new todo
//   GET    /todos/:id    one todo
//   PUT    /todos/:id    { "title"?: "...", "done"?: true } -> the updated todo
//   DELETE /todos/:id    -> 204
// Ids come from `atomics.increment`, so parallel POSTs never get the same id.
import { open } from 'wasi:keyvalue/store@0.2.0-draft2';
import { increment } from 'wasi:keyvalue/atomics@0.2.0-draft2';
import { getMany } from 'wasi:keyvalue/batch@0.2.0-draft2';

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const TODO_PREFIX = 'todo:';

function json(body, status = 200) {
  return new Response(JSON.stringify(body) + '\n', {
    status,
    headers: { 'content-type': 'application/json' },
  });
}

function problem(status, message) {
  return json({ error: message }, status);
}

function readTodo(bucket, id) {
  const bytes = bucket.get(`${TODO_PREFIX}${id}`);
  return bytes === undefined ? undefined : JSON.parse(decoder.decode(bytes));
}

function writeTodo(bucket, todo) {
  bucket.set(`${TODO_PREFIX}${todo.id}`, encoder.encode(JSON.stringify(todo)));
}

function listTodos(bucket) {
  const { keys } = bucket.listKeys(undefined);
  const todoKeys = keys.filter((key) => key.startsWith(TODO_PREFIX));
  return getMany(bucket, todoKeys)
    .filter(([, value]) => value !== undefined)
    .map(([, value]) => JSON.parse(decoder.decode(value)))
    .sort((a, b) => a.id - b.id);
}

async function parseTodoInput(request) {
  try {
    const input = await request.json();
    if (typeof input !== 'object' || input === null) throw new Error();
    if ('title' in input && typeof input.title !== 'string') throw new Error();
    if ('done' in input && typeof input.done !== 'boolean') throw new Error();
    return input;
  } catch {
    return undefined;
  }
}

async function handle(request) {
  const url = new URL(request.url);
  const [, collection, id, ...rest] = url.pathname.split('/');
  if (collection !== 'todos' || rest.length > 0) return problem(404, 'No such resource.');
  const bucket = open('default');

  if (!id) {
    if (request.method === 'GET') return json(listTodos(bucket));
    if (request.method !== 'POST') return problem(405, 'Use GET or POST on /todos.');
    const input = await parseTodoInput(request);
    if (!input || typeof input.title !== 'string')
      return problem(400, 'Send JSON like {"title": "Buy milk"}.');
    const todo = {
      id: Number(increment(bucket, 'next-id', 1n)),
      title: input.title,
      done: input.done ?? false,
    };
    writeTodo(bucket, todo);
    return json(todo, 201);
  }

  if (!/^\d+$/.test(id)) return problem(404, `No todo "${id}".`);
  const todo = readTodo(bucket, id);
  if (!todo) return problem(404, `No todo ${id}.`);
  switch (request.method) {
    case 'GET':
      return json(todo);
    case 'PUT': {
      const input = await parseTodoInput(request);
      if (!input) return problem(400, 'Send JSON like {"title": "...", "done": true}.');
      const updated = { ...todo, ...input, id: todo.id };
      writeTodo(bucket, updated);
      return json(updated);
    }
    case 'DELETE':
      bucket.delete(`${TODO_PREFIX}${id}`);
      return new Response(null, { status: 204 });
    default:
      return problem(405, 'Use GET, PUT or DELETE on /todos/:id.');
  }
}

addEventListener('fetch', (event) => {
  event.respondWith(
    handle(event.request).catch((error) => problem(500, `Storage failed: ${error?.payload?.tag ?? error}`)),
  );
});
