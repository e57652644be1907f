import { describe, expect, it } from 'vitest';
import { createWasiImports } from '../wasi-imports.ts';
import { exit } from './exit.ts';

/** What throwing `call` throws: its class, message and exit code. */
function thrown(call: () => void) {
  try {
    call();
  } catch (error) {
    const { name, message } = error as Error;
    return { name, message, code: (error as { code?: number }).code };
  }
  return undefined;
}

describe('wasi:cli/exit@0.3', () => {
  it('stops the guest the way WASI 0.2 exit does: the same error, with the exit code', () => {
    const p2 = createWasiImports({
      stdout: () => undefined,
      stderr: () => undefined,
      outbound: { send: () => Promise.reject(new Error('unused')) },
    })['wasi:cli/exit'] as typeof exit;
    for (const status of [{ tag: 'ok' }, { tag: 'err' }] as const) {
      const p3Exit = thrown(() => exit.exit(status as never));
      expect(p3Exit).toBeDefined();
      expect(p3Exit).toEqual(thrown(() => p2.exit(status as never)));
    }
    expect(thrown(() => exit.exit({ tag: 'err' } as never))).toMatchObject({
      message: 'Component exited with error',
      code: 1,
    });
    expect(thrown(() => exit.exitWithCode(3))).toMatchObject({ code: 3 });
  });
});
