/**
 * A WASI 0.3 instance's imports (runtime/instance/instance-imports-p3.ts) stop with its deadline
 * (deadline-p3.ts): what a guest resumed after its deadline can no longer start.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { p3TestImports } from './instance/instance-imports-p3.test-helper.ts';
import { P3InstanceDeadline } from './deadline-p3.ts';

describe('a stopped WASI 0.3 instance', () => {
  beforeEach(() => vi.stubGlobal('self', { location: { origin: 'http://127.0.0.1:4173' } }));
  afterEach(() => vi.unstubAllGlobals());

  it('once the instance is stopped, host functions of both releases refuse to start, and a wait in progress ends', async () => {
    const deadline = new P3InstanceDeadline();
    const { object } = p3TestImports(deadline);
    const waitFor = object['wasi:clocks/monotonic-clock']!['waitFor'] as (ns: bigint) => Promise<void>;
    const waiting = waitFor(60_000_000_000n);
    await deadline.run(10, () => new Promise<never>(() => undefined)).catch(() => undefined);
    await expect(waiting).rejects.toMatchObject({ code: 'deadline-exceeded' });
    for (const [key, name] of [
      ['wasi:cli/environment', 'getEnvironment'],
      ['wasi:cli/environment@0.2', 'getEnvironment'],
      ['wasi:random/random', 'getRandomBytes'],
      ['wasi:cli/stderr@0.2', 'getStderr'],
    ] as const) {
      expect(() => (object[key]![name] as (...args: unknown[]) => unknown)(16n), `${key} ${name}`).toThrow(
        'passed its deadline',
      );
    }
  });
});
