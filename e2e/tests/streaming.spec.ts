/**
 * Bodies stream both ways, as under `spin up`: a response reaches the page while the guest is
 * still writing it (server-sent events), and a 64 MiB body goes in or out of a component without
 * the worker holding it whole.
 */
import { attachToServiceWorker, type WorkerHeap } from '../bench/worker-heap.ts';
import { deployApp, serveTestFiles } from '../fixtures/deploy.ts';
import { expect, test } from '../fixtures/swerve.ts';

const MANIFEST = `
spin_manifest_version = 2
[application]
name = "stream"
[[trigger.http]]
route = "/..."
component = "outbound"
[component.outbound]
source = "outbound.wasm"
`;

const MIB_64 = 64 * 2 ** 20;

test.beforeEach(async ({ hostPage }) => {
  await serveTestFiles(hostPage);
  const deployed = await deployApp(hostPage, {
    manifest: MANIFEST,
    files: { 'outbound.wasm': { built: 'fixtures/outbound/dist/outbound.wasm' } },
  });
  expect(deployed).toMatchObject({ ok: true });
});

/** The most ArrayBuffer memory (Wasm memories included) the worker held while `during` ran. */
async function peakBackingStore(heap: WorkerHeap, during: Promise<unknown>): Promise<number> {
  let peak = 0;
  let done = false;
  void during.finally(() => (done = true));
  while (!done) {
    peak = Math.max(peak, await heap.backingBytes());
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  await during;
  return peak;
}

test('the first server-sent event reaches the page before the handler has finished', async ({ hostPage }) => {
  const timing = await hostPage.evaluate(async () => {
    const started = performance.now();
    const response = await fetch('/apps/stream/stream?events=3&gap=1000');
    const reader = response.body!.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    const firstAt = performance.now() - started;
    let rest = '';
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      rest += new TextDecoder().decode(chunk.value);
    }
    return {
      type: response.headers.get('content-type'),
      first,
      rest,
      firstAt,
      totalAt: performance.now() - started,
    };
  });
  console.log(
    `server-sent events: first event after ${timing.firstAt.toFixed(0)} ms, all after ${timing.totalAt.toFixed(0)} ms`,
  );
  expect(timing.type).toBe('text/event-stream');
  expect(timing.first).toMatch(/^data: event 1 /);
  expect(timing.rest).toMatch(/data: event 2 .*\n\ndata: event 3 /s);
  // Two 1 s gaps follow the first event.
  expect(timing.totalAt - timing.firstAt).toBeGreaterThan(1800);
});

test('64 MiB go up into a component and come down from one, without the worker holding them whole', async ({
  hostPage,
  browser,
}) => {
  const heap = await attachToServiceWorker(browser);
  try {
    const baseline = await heap.backingBytes();
    // Sent as a stream of 1 MiB chunks: a body given as one buffer reaches the worker as one chunk.
    const upload = hostPage.evaluate(async (size) => {
      const started = performance.now();
      let sent = 0;
      const body = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (sent >= size) return controller.close();
          controller.enqueue(new Uint8Array(2 ** 20).fill(7));
          sent += 2 ** 20;
        },
      });
      const init = { method: 'POST', body, duplex: 'half' } as RequestInit;
      const response = await fetch('/apps/stream/count', init);
      return { answer: await response.json(), ms: performance.now() - started };
    }, MIB_64);
    const uploadPeak = await peakBackingStore(heap, upload);
    const uploaded = await upload;
    expect(uploaded.answer).toEqual({ bytes: MIB_64 });

    const download = hostPage.evaluate(async (size) => {
      const started = performance.now();
      const response = await fetch(`/apps/stream/bytes?n=${size}`);
      const reader = response.body!.getReader();
      let bytes = 0;
      for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read())
        bytes += chunk.value.byteLength;
      return { bytes, ms: performance.now() - started };
    }, MIB_64);
    const downloadPeak = await peakBackingStore(heap, download);
    const downloaded = await download;
    expect(downloaded.bytes).toBe(MIB_64);

    const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(1);
    console.log(
      `64 MiB up: ${uploaded.ms.toFixed(0)} ms, worker ArrayBuffers peak ${mib(uploadPeak)} MiB ` +
        `(idle ${mib(baseline)} MiB); down: ${downloaded.ms.toFixed(0)} ms, peak ${mib(downloadPeak)} MiB`,
    );
    // The guest's own memory and a few chunks in flight, never the body itself.
    expect(uploadPeak - baseline).toBeLessThan(MIB_64 / 2);
    expect(downloadPeak - baseline).toBeLessThan(MIB_64 / 2);
  } finally {
    await heap.detach();
  }
});
