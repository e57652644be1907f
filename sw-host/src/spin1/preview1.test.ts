import { describe, expect, it } from 'vitest';
import { ERRNO, ProcExit, preview1Imports } from './preview1.ts';
import type { Preview1Host } from './preview1-host.ts';

function setUp() {
  const memory = new WebAssembly.Memory({ initial: 1 });
  const written: [number, string][] = [];
  const host: Preview1Host = {
    arguments: () => [],
    environment: () => [['GREETING', 'hi']],
    wallClockNanoseconds: () => 1_700_000_000_000_000_000n,
    monotonicNanoseconds: () => 42n,
    randomBytes: (length) => new Uint8Array(length).fill(7),
    write: (fd, bytes) => written.push([fd, new TextDecoder().decode(bytes)]),
  };
  const wasi = preview1Imports(host, () => memory) as Record<string, (...args: unknown[]) => unknown>;
  return { wasi, view: new DataView(memory.buffer), bytes: new Uint8Array(memory.buffer), written };
}

describe('wasi_snapshot_preview1 for Spin 1 modules', () => {
  it('writes stdout and stderr through the host, gathering an iovec list', () => {
    const { wasi, view, bytes, written } = setUp();
    bytes.set(new TextEncoder().encode('hello world\n'), 100);
    view.setUint32(0, 100, true);
    view.setUint32(4, 6, true);
    view.setUint32(8, 106, true);
    view.setUint32(12, 6, true);
    expect(wasi['fd_write']!(2, 0, 2, 16)).toBe(ERRNO.success);
    expect(view.getUint32(16, true)).toBe(12);
    expect(written).toEqual([
      [2, 'hello '],
      [2, 'world\n'],
    ]);
    expect(wasi['fd_write']!(5, 0, 2, 16)).toBe(ERRNO.badf);
  });

  it('gives the environment as NUL-terminated NAME=value strings', () => {
    const { wasi, view, bytes } = setUp();
    expect(wasi['environ_sizes_get']!(0, 4)).toBe(ERRNO.success);
    expect([view.getUint32(0, true), view.getUint32(4, true)]).toEqual([1, 12]);
    expect(wasi['environ_get']!(16, 64)).toBe(ERRNO.success);
    expect(view.getUint32(16, true)).toBe(64);
    expect(new TextDecoder().decode(bytes.subarray(64, 76))).toBe('GREETING=hi\0');
  });

  it('reads both clocks, and refuses the CPU-time clocks', () => {
    const { wasi, view } = setUp();
    expect(wasi['clock_time_get']!(0, 0n, 8)).toBe(ERRNO.success);
    expect(view.getBigUint64(8, true)).toBe(1_700_000_000_000_000_000n);
    expect(wasi['clock_time_get']!(1, 0n, 8)).toBe(ERRNO.success);
    expect(view.getBigUint64(8, true)).toBe(42n);
    expect(wasi['clock_time_get']!(2, 0n, 8)).toBe(ERRNO.notsup);
  });

  it('answers ENOSYS for what a browser host does not give, EBADF for preopens, EFAULT off memory', () => {
    const { wasi } = setUp();
    expect(wasi['path_open']!()).toBe(ERRNO.nosys);
    expect(wasi['sock_accept']!()).toBe(ERRNO.nosys);
    expect(wasi['fd_prestat_get']!(3, 0)).toBe(ERRNO.badf);
    expect(wasi['random_get']!(65_530, 100)).toBe(ERRNO.fault);
  });

  it('unwinds the guest on proc_exit with its code', () => {
    const { wasi } = setUp();
    expect(() => wasi['proc_exit']!(3)).toThrow(new ProcExit(3));
  });
});
