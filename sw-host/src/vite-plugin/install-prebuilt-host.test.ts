import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { installPrebuiltHost } from './install-prebuilt-host.ts';
import { ORIGINS_SLOT_EXPRESSION, PREBUILT_HOST_INFO } from './prebuilt-host.ts';

const PACKAGE_BUILD = '0123456789abcdef';

describe('installing the prebuilt host into a site', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'prebuilt-host-'));
    const host = join(dir, 'host');
    await mkdir(join(host, '_swerve'), { recursive: true });
    await writeFile(join(host, PREBUILT_HOST_INFO), JSON.stringify({ build: PACKAGE_BUILD }));
    // As the minifier may write the slot: the expression as built, single-quoted, in backticks.
    await writeFile(
      join(host, 'sw.js'),
      `self.origins = ${ORIGINS_SLOT_EXPRESSION}; self.build = "${PACKAGE_BUILD}";`,
    );
    await writeFile(
      join(host, '_swerve/host.js'),
      `self.origins = JSON.parse('{"swerveOriginsSlot":{}}').swerveOriginsSlot;`,
    );
    await writeFile(
      join(host, '_swerve/client.js'),
      'self.origins = JSON.parse(`{"swerveOriginsSlot":{}}`).swerveOriginsSlot;',
    );
    await writeFile(join(host, '_swerve/tool.wasm'), new Uint8Array([0, 0x61, 0x73, 0x6d]));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  /** Runs a written script and returns what it set. */
  async function run(path: string): Promise<{ origins?: unknown; build?: unknown }> {
    const self: { origins?: unknown; build?: unknown } = {};
    new Function('self', await readFile(join(dir, 'site', path), 'utf8'))(self);
    return self;
  }

  it("writes the site's origins and build id into the scripts, and copies the rest as it is", async () => {
    const origins = {
      site: 'https://docs.example.com',
      apps: 'https://{app}.apps.example.com',
      embedders: ["https://o'brien.example"],
    };
    await installPrebuiltHost(join(dir, 'host'), join(dir, 'site'), 'site-build-0001', origins, false);
    expect(await run('sw.js')).toEqual({ origins, build: 'site-build-0001' });
    expect(await run('_swerve/host.js')).toEqual({ origins });
    expect(await run('_swerve/client.js')).toEqual({ origins });
    expect([...(await readFile(join(dir, 'site/_swerve/tool.wasm')))]).toEqual([0, 0x61, 0x73, 0x6d]);
  });

  it('leaves the default origins ({}) in scripts served as they are', async () => {
    const self: { origins?: unknown } = {};
    new Function('self', await readFile(join(dir, 'host/sw.js'), 'utf8'))(self);
    expect(self.origins).toEqual({});
  });

  it('refuses the benchmark route, which the package does not ship, saying what to do', async () => {
    await expect(
      installPrebuiltHost(join(dir, 'host'), join(dir, 'site'), 'b', {}, true),
    ).rejects.toMatchObject({
      code: 'config-invalid',
      message: expect.stringMatching(/benchRoute: true.*needs the Swerve repository.*Remove the option/),
    });
  });
});
