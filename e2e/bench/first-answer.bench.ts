/**
 * The first answer through a realistic line (issue 25), row by row: a fresh profile's first
 * visit to the playground, and a share link opened in a fresh profile, each repeated
 * `SWERVE_LINE_RUNS` times through the line of throttled-line.ts. Prints the median with the
 * spread, the bytes moved, the machine's load average, and the median run's waterfall.
 * `npx playwright test -c playwright.bench.config.ts -g "through the line"` runs both.
 */
import { loadavg } from 'node:os';
import { PORT } from '../fixtures/app-hosts.ts';
import { test } from '../fixtures/swerve.ts';
import { formatWaterfall, type FirstAnswer } from './fresh-browser.ts';
import { measureFirstVisit } from './first-visit.ts';
import { makeShareLink, openShareLinkThroughLine } from './share-link.ts';
import { REALISTIC_LINE } from './throttled-line.ts';

/** How many fresh profiles each row times; the median is reported. */
const RUNS = Number(process.env.SWERVE_LINE_RUNS ?? 5);
/** Each run starts a browser and moves megabytes through the proxy at 20 Mbit/s. */
const RUN_TIMEOUT_MS = 150_000;

const load = () =>
  loadavg()
    .map((value) => value.toFixed(1))
    .join(' ');

async function report(row: string, runs: FirstAnswer[]): Promise<void> {
  const sorted = [...runs].sort((a, b) => a.ms - b.ms);
  const median = sorted[Math.floor((sorted.length - 1) / 2)]!;
  console.log(
    `\n${row} (${REALISTIC_LINE.name}), ${runs.length} fresh profiles: median ${median.ms} ms ` +
      `(${sorted[0]!.ms}–${sorted.at(-1)!.ms}; ${runs.map((run) => run.ms).join(', ')}), ` +
      `${(median.bytes / 2 ** 20).toFixed(2)} MiB through the line; load average ${load()}\n` +
      `the median run's waterfall:\n${formatWaterfall(median.waterfall)}\n` +
      `and its host: ${median.host}\n`,
  );
}

test.describe('first answer through the line', () => {
  test.describe.configure({ timeout: RUNS * RUN_TIMEOUT_MS });

  test('first visit to the playground through the line', async ({ baseURL }) => {
    const runs: FirstAnswer[] = [];
    for (let run = 0; run < RUNS; run++) runs.push(await measureFirstVisit(baseURL!, PORT, REALISTIC_LINE));
    await report('first visit to the playground, to its first answer', runs);
  });

  test('share link through the line', async ({ browser, baseURL }) => {
    const link = await makeShareLink(browser, baseURL!);
    const runs: FirstAnswer[] = [];
    for (let run = 0; run < RUNS; run++)
      runs.push(await openShareLinkThroughLine(link, PORT, REALISTIC_LINE));
    await report('open a share link in a fresh profile, to its first answer', runs);
  });
});
