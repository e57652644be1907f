/**
 * What is generated from the capability table is committed as generated: the published worlds
 * and Spin target environment, the host-side types, and the Node pipeline's JSPI list. After
 * changing the table, run `npm run generate:capabilities`.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { WASI_P2_CAPABILITIES, WASI_P3_CAPABILITIES } from '../host-capabilities.ts';
import { REPO_ROOT } from './capability-files.ts';

describe('the files generated from the capability table', () => {
  it('are committed as the table generates them', async () => {
    // In a process of its own: jco's type generator needs Node's preview2-shim, which the unit
    // tests alias to the browser's.
    const script = join(REPO_ROOT, 'sw-host/scripts/generate-capabilities.js');
    const run = await promisify(execFile)(process.execPath, [script, '--check'], { cwd: REPO_ROOT }).catch(
      (error: { stderr: string }) => ({ stdout: '', stderr: error.stderr }),
    );
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('is current');
  }, 60_000);

  it('name host modules that exist', () => {
    for (const capability of [...WASI_P2_CAPABILITIES, ...WASI_P3_CAPABILITIES]) {
      for (const [iface, { module }] of Object.entries(capability.interfaces)) {
        if (module === undefined) continue;
        const path = module.split(' ')[0]!;
        expect(existsSync(join(REPO_ROOT, 'sw-host/src', path)), `${iface}: ${path}`).toBe(true);
      }
    }
  });
});
