/**
 * `host.fetch` from a page of the site, through the app's host page in its frame, streams both
 * bodies (transferred streams), as a fetch at the app's own origin does. Each test proves it by
 * the order of events alone: the guest goes on only after the page has acted on what it got so
 * far, so a body read whole on the way would never let the exchange finish.
 */
import { withHost } from '../fixtures/app-hosts.ts';
import { deployApp, serveTestFiles } from '../fixtures/deploy.ts';
import { expect, test } from '../fixtures/swerve.ts';

const MANIFEST = `spin_manifest_version = 2
[application]
name = "relay"
[[trigger.http]]
route = "/..."
component = "handler"
[component.handler]
source = "runner.wasm"
files = [{ source = "src", destination = "/" }]
key_value_stores = ["default"]
`;

/**
 * GET /wait: writes "first", then waits until GET /go has set `go` in the store, then writes
 * "second". POST /count: answers at once, and writes the running total of request bytes read
 * as each chunk arrives.
 */
const HANDLER = `import { openDefault } from '@spinframework/spin-kv';
const encoder = new TextEncoder();
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  const store = openDefault();
  if (url.pathname === '/go') {
    store.set('go', 'yes');
    event.respondWith(new Response('going'));
  } else if (url.pathname === '/wait') {
    store.delete('go');
    event.respondWith(new Response(new ReadableStream({
      async start(controller) {
        controller.enqueue(encoder.encode('first\\n'));
        while (!store.exists('go')) await sleep(20);
        controller.enqueue(encoder.encode('second\\n'));
        controller.close();
      },
    })));
  } else if (url.pathname === '/count') {
    const reader = event.request.body.getReader();
    event.respondWith(new Response(new ReadableStream({
      async start(controller) {
        let total = 0;
        for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
          total += chunk.value.byteLength;
          controller.enqueue(encoder.encode(total + '\\n'));
        }
        controller.enqueue(encoder.encode('end ' + total + '\\n'));
        controller.close();
      },
    })));
  } else {
    event.respondWith(new Response('not found', { status: 404 }));
  }
});
`;

test.beforeEach(async ({ hostPage }) => {
  await serveTestFiles(hostPage);
  const deployed = await deployApp(hostPage, {
    manifest: MANIFEST,
    files: {
      'runner.wasm': { built: 'runner/dist/runner.wasm' },
      'src/index.js': { text: HANDLER },
    },
  });
  expect(deployed, JSON.stringify(deployed)).toMatchObject({ ok: true });
});

test('the first chunk of a response reaches the page before the guest has finished writing it', async ({
  hostPage,
}) => {
  const events = await withHost(
    hostPage,
    'relay',
    async (host) => {
      const seen: string[] = [];
      const decoder = new TextDecoder();
      const response = await host.fetch('/wait');
      const reader = response.body!.getReader();
      seen.push(`read ${decoder.decode((await reader.read()).value)}`.trim());
      // Only now may the guest go on: a body read whole before the page saw any of it never ends.
      seen.push(`go ${await (await host.fetch('/go')).text()}`);
      for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
        seen.push(`read ${decoder.decode(chunk.value)}`.trim());
      }
      seen.push('end');
      return seen;
    },
    undefined,
  );
  expect(events).toEqual(['read first', 'go going', 'read second', 'end']);
});

test('a request body reaches the guest while the page is still writing it', async ({ hostPage }) => {
  const events = await withHost(
    hostPage,
    'relay',
    async (host) => {
      const seen: string[] = [];
      // Past the 8 MiB the host reads ahead to learn a body's length, so the guest starts
      // while the body is still open (sw-host/src/host/request-body-length.ts).
      const sent = 9 * 1024 * 1024;
      let close!: () => void;
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          for (let i = 0; i < 9; i++) controller.enqueue(new Uint8Array(1024 * 1024));
          close = () => controller.close();
        },
      });
      const response = await host.fetch('/count', {
        method: 'POST',
        body,
        duplex: 'half',
      } as RequestInit);
      const reader = response.body!.getReader();
      const decoder = new TextDecoder();
      let text = '';
      // Wait until the guest has read every byte sent, with the body still open.
      while (!text.split('\n').includes(String(sent))) {
        const chunk = await reader.read();
        if (chunk.done) break;
        text += decoder.decode(chunk.value, { stream: true });
      }
      seen.push(`guest read ${text.split('\n').includes(String(sent)) ? 'all' : 'not all'} before the end`);
      close();
      for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
        text += decoder.decode(chunk.value, { stream: true });
      }
      seen.push(text.trim().split('\n').at(-1)!);
      return seen;
    },
    undefined,
  );
  expect(events).toEqual(['guest read all before the end', `end ${9 * 1024 * 1024}`]);
});
