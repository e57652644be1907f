/**
 * A 64 MiB body goes in or out of a component without the worker holding it whole. (A response
 * reaching the page while the guest still writes it: e2e/app-tests/streaming.spec.ts.)
 *
 * This stays on the site's fixtures: in `@swerve/playwright`'s setup (the component transpiled
 * in Node and loaded on first use) the worker's ArrayBuffers grow with the body: peaks of 12.7,
 * 28.5 and 57.7 MiB for 8, 16 and 32 MiB uploads (after one 4 MiB upload: 4.7 MiB), so this
 * check fails there; the kit's listener for outbound requests is not the cause (the same without
 * it). Here the baseline is already about 65 MiB before the upload, which may hide the same
 * growth: to be looked into before trusting this check.
 */
import { attachToServiceWorker, type WorkerHeap } from '../bench/worker-heap.ts';
import { appOrigin, appTab } from '../fixtures/app-hosts.ts';
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

test('64 MiB go up into a component and come down from one, without the worker holding them whole', async ({
  hostPage,
  browser,
}) => {
  const tab = await appTab(hostPage, 'stream');
  const heap = await attachToServiceWorker(browser, `${new URL(appOrigin('stream')).host}/sw.js`);
  try {
    const baseline = await heap.backingBytes();
    // Sent as a stream of 1 MiB chunks: a body given as one buffer reaches the worker as one chunk.
    const upload = tab.evaluate(async (size) => {
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
      const response = await fetch('/count', init);
      return { answer: await response.json(), ms: performance.now() - started };
    }, MIB_64);
    const uploadPeak = await peakBackingStore(heap, upload);
    const uploaded = await upload;
    expect(uploaded.answer).toEqual({ bytes: MIB_64 });

    const download = tab.evaluate(async (size) => {
      const started = performance.now();
      const response = await fetch(`/bytes?n=${size}`);
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
