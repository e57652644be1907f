/**
 * Bodies stream as under `spin up`: a response reaches the page while the guest is still writing
 * it (server-sent events). (A 64 MiB body in and out without the worker holding it whole:
 * e2e/tests/streaming.spec.ts.)
 */
import { expect, test } from '@swerve/playwright';
import { openAppDocument } from '../fixtures/app-document.ts';

test.use({ spinApp: '../components/fixtures/outbound' });

test('the first server-sent event reaches the page before the handler has finished', async ({ page }) => {
  // A document at the app's origin: its fetches stream from the worker as the app's own pages' do.
  const tab = await openAppDocument(page);
  // The app's component loaded first (the kit's components load on first use), so the first
  // event's time is the guest's, as when a deploy from a page had compiled it.
  expect(await tab.evaluate(async () => (await fetch('/stream?events=1&gap=0')).text())).toMatch(
    /^data: event 1 /,
  );
  const timing = await tab.evaluate(async () => {
    const started = performance.now();
    const response = await fetch('/stream?events=3&gap=1000');
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
