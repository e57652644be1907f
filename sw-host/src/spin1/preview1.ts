/**
 * `wasi_snapshot_preview1` for a Spin 1 module, over what the host gives every instance
 * (preview1-host.ts): its arguments and environment, clocks, random bytes, stdout and stderr as
 * log lines, and `proc_exit`. Spin 1 modules are reactors that answer one request from memory;
 * what they never need in a browser (files, sockets, polling) answers ENOSYS, as a WASI host
 * without the feature does, so a guest's error path runs instead of a missing import failing
 * the whole instantiation.
 */
import { PREVIEW1_FUNCTIONS } from './preview1-functions.ts';
import type { Preview1Host } from './preview1-host.ts';

/** Errno values of wasi_snapshot_preview1 (witx `errno`). */
export const ERRNO = { success: 0, badf: 8, fault: 21, inval: 28, nosys: 52, notsup: 58, spipe: 70 } as const;

/** Thrown by `proc_exit`: it unwinds the guest, as the trap wasmtime raises for it does. */
export class ProcExit extends Error {
  constructor(readonly code: number) {
    super(`it called proc_exit(${code})`);
  }
}

const CLOCK_REALTIME = 0;
const CLOCK_MONOTONIC = 1;
/** `filetype::character_device`: what stdin, stdout and stderr are. */
const CHARACTER_DEVICE = 2;
const STDIO_RIGHTS = 0x1fffffffn;

const encoder = new TextEncoder();

/** The import object's `wasi_snapshot_preview1`; `memory()` is the instance's, once it exists. */
export function preview1Imports(
  host: Preview1Host,
  memory: () => WebAssembly.Memory,
): Record<string, (...args: never[]) => number | void> {
  const view = () => new DataView(memory().buffer);
  const bytes = (pointer: number, length: number) => new Uint8Array(memory().buffer, pointer, length);

  /** `*_sizes_get` and `*_get` for a list of NUL-terminated strings. */
  const strings = (list: () => string[]) => ({
    sizes(countPointer: number, sizePointer: number): number {
      const encoded = list().map((item) => encoder.encode(`${item}\0`));
      view().setUint32(countPointer, encoded.length, true);
      view().setUint32(
        sizePointer,
        encoded.reduce((size, item) => size + item.byteLength, 0),
        true,
      );
      return ERRNO.success;
    },
    get(pointers: number, buffer: number): number {
      let at = buffer;
      list().forEach((item, index) => {
        const encoded = encoder.encode(`${item}\0`);
        view().setUint32(pointers + index * 4, at, true);
        bytes(at, encoded.byteLength).set(encoded);
        at += encoded.byteLength;
      });
      return ERRNO.success;
    },
  });
  const args = strings(() => host.arguments());
  const environ = strings(() => host.environment().map(([name, value]) => `${name}=${value}`));

  /** The (pointer, length) buffers of an iovec list. */
  const iovecs = (pointer: number, count: number) =>
    Array.from({ length: count }, (_, index) => {
      const at = pointer + index * 8;
      return bytes(view().getUint32(at, true), view().getUint32(at + 4, true));
    });

  const implemented: Record<string, (...args: never[]) => number | void> = {
    args_sizes_get: args.sizes,
    args_get: args.get,
    environ_sizes_get: environ.sizes,
    environ_get: environ.get,
    clock_res_get(id: number, resolutionPointer: number): number {
      if (id !== CLOCK_REALTIME && id !== CLOCK_MONOTONIC) return ERRNO.notsup;
      view().setBigUint64(resolutionPointer, 1_000n, true);
      return ERRNO.success;
    },
    clock_time_get(id: number, _precision: bigint, timePointer: number): number {
      if (id === CLOCK_REALTIME) view().setBigUint64(timePointer, host.wallClockNanoseconds(), true);
      else if (id === CLOCK_MONOTONIC) view().setBigUint64(timePointer, host.monotonicNanoseconds(), true);
      else return ERRNO.notsup;
      return ERRNO.success;
    },
    random_get(buffer: number, length: number): number {
      bytes(buffer, length).set(host.randomBytes(length));
      return ERRNO.success;
    },
    fd_write(fd: number, iovs: number, count: number, writtenPointer: number): number {
      if (fd !== 1 && fd !== 2) return ERRNO.badf;
      let written = 0;
      for (const buffer of iovecs(iovs, count)) {
        // The guest's memory is copied before the host keeps any of it.
        host.write(fd, buffer.slice());
        written += buffer.byteLength;
      }
      view().setUint32(writtenPointer, written, true);
      return ERRNO.success;
    },
    fd_read(fd: number, _iovs: number, _count: number, readPointer: number): number {
      if (fd !== 0) return ERRNO.badf;
      // Stdin is empty: Spin 1 passes the request as arguments, not on stdin.
      view().setUint32(readPointer, 0, true);
      return ERRNO.success;
    },
    fd_fdstat_get(fd: number, statPointer: number): number {
      if (fd > 2) return ERRNO.badf;
      const stat = view();
      stat.setUint8(statPointer, CHARACTER_DEVICE);
      stat.setUint16(statPointer + 2, 0, true);
      stat.setBigUint64(statPointer + 8, STDIO_RIGHTS, true);
      stat.setBigUint64(statPointer + 16, 0n, true);
      return ERRNO.success;
    },
    fd_close: (fd: number) => (fd > 2 ? ERRNO.badf : ERRNO.success),
    fd_seek: (fd: number) => (fd > 2 ? ERRNO.badf : ERRNO.spipe),
    fd_tell: (fd: number) => (fd > 2 ? ERRNO.badf : ERRNO.spipe),
    fd_sync: (fd: number) => (fd > 2 ? ERRNO.badf : ERRNO.success),
    fd_datasync: (fd: number) => (fd > 2 ? ERRNO.badf : ERRNO.success),
    // No preopened directories: wasi-libc asks from fd 3 up until it gets EBADF.
    fd_prestat_get: () => ERRNO.badf,
    fd_prestat_dir_name: () => ERRNO.badf,
    sched_yield: () => ERRNO.success,
    proc_exit(code: number): void {
      throw new ProcExit(code);
    },
  };
  return Object.fromEntries(
    PREVIEW1_FUNCTIONS.map((name) => {
      const implementation = implemented[name];
      return [name, implementation ? faultOnBadPointer(implementation) : () => ERRNO.nosys];
    }),
  );
}

/** A pointer outside the guest's memory answers EFAULT, as a WASI host answers it. */
function faultOnBadPointer(
  implementation: (...args: never[]) => number | void,
): (...args: never[]) => number | void {
  return (...args) => {
    try {
      return implementation(...args);
    } catch (error) {
      if (error instanceof RangeError) return ERRNO.fault;
      throw error;
    }
  };
}
