#!/usr/bin/env node
// @ts-check
/**
 * The package's own test, as a user meets it: packs @swerve/playwright and takes the `swerve`
 * tarball it depends on (packed once per content: sw-host/scripts/swerve-tarball.js), makes a project in a temporary folder outside the workspace from ../example,
 * copies in sample Spin apps built by the components pipeline, installs both tarballs and
 * @playwright/test there, and runs that project's own Playwright tests:
 * - `--project apps` must pass, on two workers (isolation), and reports the per-test setup time;
 * - `--project failures` must fail, each test with the message this script expects;
 * - with no Chromium where the config points, a run must say what to install.
 *
 * - `--project bench` reports the per-test setup (median, p90) for a large and a small component.
 *
 *   node testkit/scripts/pack-and-test.js [--keep] [--bench]    (after npm run build:components)
 *
 * `--bench` packs, installs and runs only the bench (what `npm run bench` adds to its table).
 * SWERVE_KIT_PORT moves the kit's servers (worker N listens on it + N; 4214 by default).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findChromium } from '../../e2e/scripts/chromium-path.js';
import { swerveTarball as packedSwerve } from '../../sw-host/scripts/swerve-tarball.js';

const kitDir = dirname(dirname(fileURLToPath(import.meta.url)));
const repoDir = dirname(kitDir);
const componentsDir = join(repoDir, 'components');
const keep = process.argv.includes('--keep');
const benchOnly = process.argv.includes('--bench');
const started = performance.now();
/** Not dependencies of this repository: the versions the outbound mocking recipe is tested with. */
// msw 2.13 and later: @msw/playwright 0.6.7's declarations no longer type-check against it.
const MOCKING_PACKAGES = ['msw@2.12.10', '@msw/playwright@0.6.7'];
// SWERVE_KIT_PORT moves the servers off the default ports (helpers running side by side).
const PORT = Number(process.env.SWERVE_KIT_PORT ?? 4214);

/** @param {string} message */
function fail(message) {
  console.error(`pack-and-test: ${message}`);
  process.exit(1);
}

/** @param {string} file */
function built(file) {
  const path = join(componentsDir, file);
  if (!existsSync(path)) fail(`${path} is missing: run npm run build:components first.`);
  return path;
}

/** The version of `name` this repository installed, so the project gets the same one. */
const versionOf = (/** @type {string} */ name) =>
  JSON.parse(readFileSync(join(repoDir, 'node_modules', name, 'package.json'), 'utf8')).version;
const chromium = findChromium();
if (!chromium) fail('no Chromium: run node e2e/scripts/ensure-chromium.js, which says what to install.');

const work = mkdtempSync(join(tmpdir(), 'swerve-playwright-'));
const project = join(work, 'project');
try {
  // 1. The tarballs, as `npm pack` makes them (prepack builds each package). The swerve one is
  // packed once per content (sw-host/scripts/swerve-tarball.js): the same one the swerve
  // package's packed test installed, when it ran first from the same sources.
  const swerveTarball = packedSwerve().path;
  execFileSync('npm', ['pack', '--workspace', 'testkit', '--pack-destination', work, '--silent'], {
    cwd: repoDir,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const tarball = join(work, 'swerve-playwright-0.1.0.tgz');
  for (const file of [tarball, swerveTarball]) if (!existsSync(file)) fail(`npm pack wrote no ${file}`);
  const listing = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).split('\n');
  for (const needed of [
    'package/dist/index.js',
    'package/dist/index.d.ts',
    'package/dist/driver/_swerve/kit/driver.js',
  ])
    if (!listing.includes(needed)) fail(`the tarball has no ${needed}`);
  if (listing.some((file) => file.endsWith('.ts') && !file.endsWith('.d.ts')))
    fail('the tarball holds TypeScript sources');
  // The host comes from the swerve package, not from a copy inside the kit.
  if (listing.some((file) => file.endsWith('/sw.js'))) fail('the kit bundles a copy of the host');
  console.log(`swerve-playwright-0.1.0.tgz: ${(statSync(tarball).size / 1024).toFixed(0)} KiB packed.`);

  // 2. The project: the example, and the apps it tests, copied in as a user's own would be there.
  cpSync(join(kitDir, 'example'), project, {
    recursive: true,
    filter: (source) => !/[\\/](node_modules|test-results|playwright-report)$/.test(source),
  });
  const apps = join(project, 'apps');
  /** @type {[string, string][]} */
  const samples = [
    ['minimal', 'fixtures/minimal'],
    ['kv-counter', 'examples/kv-counter'],
    ['echo', 'examples/echo'],
    ['sqlite', 'fixtures/sqlite'],
  ];
  for (const [name, from] of samples) {
    mkdirSync(join(apps, name, 'dist'), { recursive: true });
    copyFileSync(join(componentsDir, from, 'spin.toml'), join(apps, name, 'spin.toml'));
    copyFileSync(built(`${from}/dist/${name}.wasm`), join(apps, name, 'dist', `${name}.wasm`));
  }
  copyFileSync(built('fixtures/loop/dist/loop.wasm'), join(apps, 'loop/loop.wasm'));
  copyFileSync(built('fixtures/minimal/dist/minimal.wasm'), join(apps, 'greeter/minimal.wasm'));
  copyFileSync(built('fixtures/probe/dist/probe.wasm'), join(apps, 'settings/probe.wasm'));
  copyFileSync(built('fixtures/outbound/dist/outbound.wasm'), join(apps, 'outbound/outbound.wasm'));
  // The smallest core module there is: magic and version, no sections.
  writeFileSync(join(apps, 'core-module/core.wasm'), new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]));

  // 3. Install the tarball beside @playwright/test, as a user would (TypeScript to check the types;
  // MSW and its Playwright binding for the outbound mocking recipe).
  execFileSync(
    'npm',
    [
      'install',
      '--no-audit',
      '--no-fund',
      '--prefer-offline',
      swerveTarball,
      tarball,
      // The versions this repository uses, from npm's cache when it has them.
      ...['@playwright/test', 'typescript', '@types/node'].map((name) => `${name}@${versionOf(name)}`),
      ...MOCKING_PACKAGES,
    ],
    { cwd: project, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  console.log(`Packed and installed in ${((performance.now() - started) / 1000).toFixed(1)} s (${project}).`);

  /**
   * Runs the project's Playwright; returns its exit status and JSON report.
   * @param {string[]} args
   * @param {Record<string, string>} env
   */
  function playwright(args, env = {}) {
    const report = join(work, `report-${Math.random().toString(36).slice(2)}.json`);
    const result = spawnSync('npx', ['playwright', 'test', '--reporter=list,json', ...args], {
      cwd: project,
      encoding: 'utf8',
      env: {
        ...process.env,
        ...(chromium?.executablePath ? { SWERVE_CHROMIUM: chromium.executablePath } : {}),
        SWERVE_KIT_PORT: String(PORT),
        PLAYWRIGHT_JSON_OUTPUT_NAME: report,
        ...env,
      },
    });
    return { status: result.status, output: `${result.stdout}${result.stderr}`, report: readReport(report) };
  }

  // 4. The project's tests type-check against the published declarations.
  const typecheck = spawnSync('npm', ['run', '--silent', 'typecheck'], { cwd: project, encoding: 'utf8' });
  if (typecheck.status !== 0)
    fail(
      `the project's tests do not type-check against the package:\n${typecheck.stdout}${typecheck.stderr}`,
    );
  console.log('The project type-checks against the published declarations.');

  if (benchOnly) {
    benchSetup(playwright);
    // exit() skips the `finally` below: clean up here.
    if (keep) console.log(`Kept ${work}`);
    else rmSync(work, { recursive: true, force: true });
    process.exit(0);
  }

  // 5. The apps' tests pass, on both workers.
  const apps1 = playwright(['--project', 'apps']);
  console.log(apps1.output);
  if (apps1.status !== 0) fail("the example project's tests failed (above).");
  const results = testResults(apps1.report);
  const workers = new Set(results.map((result) => result.parallelIndex));
  if (workers.size < 2) fail(`the tests ran on ${workers.size} worker(s), not two in parallel`);
  const setups = results
    .flatMap((result) => result.annotations)
    .filter((annotation) => annotation.type === 'swerve-setup')
    .map((annotation) => Number(/^(\d+) ms/.exec(annotation.description ?? '')?.[1]));
  console.log(
    `The app fixture (app reset and deployed; an app's first test in a worker starts its origin), ${setups.length} tests: ${stats(setups)}`,
  );

  // 6. The failures fail, each saying why.
  const expected = {
    'fails with the manifest line':
      /Invalid Spin manifest\. apps\/bad-manifest\/spin\.toml:9: \[\[trigger\.http\]\] #1: `component = "missing"` names no component/,
    'fails naming the variable': /Deploying apps\/greeter\/spin\.toml failed:\n.*api_token/,
    'fails saying what the file is':
      /Deploying apps\/core-module\/spin\.toml failed:\n.*is a core WebAssembly module with no WIT world embedded/,
    'a looping handler fails at its deadline':
      /GET \/spin did not finish: the handler was still running at its deadline of 1000 ms[\s\S]*Host log: GET \/spin answered 504: loop\/loop was stopped while handling GET \/spin/,
  };
  const failures = playwright(['--project', 'failures', '--workers', '1']);
  if (failures.status === 0) fail('the failures project passed; its tests must fail');
  for (const result of testResults(failures.report)) {
    const pattern = expected[/** @type {keyof typeof expected} */ (result.title)];
    const message = result.errors.map((error) => error.message ?? '').join('\n');
    if (!pattern) fail(`unexpected test "${result.title}" in failures/`);
    if (result.status !== 'failed' || !pattern.test(stripAnsi(message)))
      fail(`"${result.title}" should fail matching ${pattern}, but it ${result.status}:\n${message}`);
    console.log(
      `  as expected, "${result.title}" failed (${result.duration} ms):\n    ${stripAnsi(message).split('\n').slice(0, 3).join('\n    ')}`,
    );
    if (result.title.includes('deadline') && result.duration > 10_000)
      fail(`the looping handler took ${result.duration} ms to fail; its deadline is 1 s`);
  }
  if (testResults(failures.report).length !== Object.keys(expected).length)
    fail('some failure tests did not run');

  // 7. No Chromium: a message that says what to install.
  const missing = playwright(['--project=apps', '--workers=1', 'tests/minimal.spec.ts'], {
    SWERVE_CHROMIUM: join(work, 'no-chromium-here'),
  });
  if (
    missing.status === 0 ||
    !/there is no Chromium at .*no-chromium-here[\s\S]*npx playwright install chromium|apt-get install -y chromium/.test(
      stripAnsi(missing.output),
    )
  )
    fail(`a missing Chromium should say what to install; the run said:\n${missing.output}`);
  console.log('  as expected, with no Chromium the run says what to install.');

  // 8. What each test's setup costs, as numbers (never asserted: the machine decides them).
  benchSetup(playwright);

  console.log(`pack-and-test passed in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
} finally {
  if (keep) console.log(`Kept ${work}`);
  else rmSync(work, { recursive: true, force: true });
}

/**
 * Runs the bench project on two workers and prints, per component, the per-test setup: each
 * test's duration as Playwright measures it (fixtures set up and torn down included) minus its
 * body, which makes one request.
 * @param {(args: string[]) => { status: number | null, output: string, report: any }} playwright
 */
function benchSetup(playwright) {
  const run = playwright(['--project', 'bench']);
  if (run.status !== 0) fail(`the bench failed:\n${run.output}`);
  /** @type {Map<string, number[]>} */
  const byComponent = new Map();
  /** @type {Map<string, number[]>} */
  const fetches = new Map();
  for (const result of testResults(run.report)) {
    // fetch.bench.ts: `<size> <what> <ms>,<ms>,...` per row.
    for (const annotation of result.annotations.filter((a) => a.type === 'swerve-bench-fetch')) {
      const [size = '?', what = '?', samples = ''] = (annotation.description ?? '').split(' ');
      fetches.set(`${size} ${what}`, samples.split(',').map(Number));
    }
    const body = result.annotations.find((annotation) => annotation.type === 'swerve-bench-body');
    if (!body) continue;
    const [component = '?', ms = 'NaN'] = (body.description ?? '').split(' ');
    const list = byComponent.get(component) ?? [];
    list.push(result.duration - Number(ms));
    byComponent.set(component, list);
  }
  // The machine's load decides these numbers as much as the kit does: say what it was.
  const load = loadavg()
    .map((value) => value.toFixed(1))
    .join(', ');
  console.log(
    `Per-test setup, two workers (Playwright duration minus the test body; first test per worker cold; load average ${load}):`,
  );
  for (const [component, values] of byComponent)
    console.log(`  ${component.padEnd(11)} ${benchStats(values)}`);
  // The round trip as a test sees it, and the same less the host's own time (what carrying costs).
  console.log(
    "app.fetch, per request (round-trip: as the test sees it; carrying: less the host's own time):",
  );
  for (const [row, values] of fetches) console.log(`  ${row.padEnd(20)} ${benchStats(values)}`);
}

/** @param {number[]} values */
function benchStats(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (/** @type {number} */ q) =>
    sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  const ms = (/** @type {number} */ value) => `${Math.round(value)} ms`;
  return `n ${sorted.length}, median ${ms(at(0.5))}, p90 ${ms(at(0.9))}, min ${ms(sorted[0] ?? NaN)}, max ${ms(sorted.at(-1) ?? NaN)}`;
}

/** @param {string} text */
function stripAnsi(text) {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u001b\[[0-9;]*m/g, '');
}

/** @param {string} file */
function readReport(file) {
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : { suites: [] };
}

/**
 * Every test's last result, with its title.
 * @param {any} report
 * @returns {{ title: string, status: string, duration: number, parallelIndex: number, errors: { message?: string }[], annotations: { type: string, description?: string }[] }[]}
 */
function testResults(report) {
  /** @type {any[]} */
  const out = [];
  /** @param {any} suite */
  const walk = (suite) => {
    for (const spec of suite.specs ?? [])
      for (const t of spec.tests ?? []) {
        const result = t.results.at(-1);
        if (result)
          out.push({
            title: spec.title,
            ...result,
            annotations: result.annotations?.length ? result.annotations : (t.annotations ?? []),
          });
      }
    for (const child of suite.suites ?? []) walk(child);
  };
  for (const suite of report.suites ?? []) walk(suite);
  return out;
}

/** @param {number[]} values */
function stats(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (/** @type {number} */ q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return `median ${at(0.5)} ms, min ${sorted[0]} ms, max ${sorted.at(-1)} ms`;
}
