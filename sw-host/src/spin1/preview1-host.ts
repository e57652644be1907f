/**
 * What `wasi_snapshot_preview1` (preview1.ts) needs of the host, taken from the WASI 0.2 imports
 * the host gives every instance (runtime/instance/instance-imports.ts, keyed as jco's glue looks them up):
 * so a Spin 1 module gets the same stdout and stderr log lines, environment, clocks and random
 * bytes as a component of the same app, as Spin gives them through its preview 1 adapter.
 */
import type { ImportObject } from '../capabilities/host-side.ts';

export interface Preview1Host {
  arguments(): string[];
  environment(): [string, string][];
  wallClockNanoseconds(): bigint;
  monotonicNanoseconds(): bigint;
  randomBytes(length: number): Uint8Array;
  /** Writes to stdout (1) or stderr (2). */
  write(fd: 1 | 2, bytes: Uint8Array): void;
}

interface OutputStreamLike {
  blockingWriteAndFlush(bytes: Uint8Array): unknown;
}

/** What the WASI 0.2 import object holds, as far as this adapter reads it. */
interface WasiP2Imports {
  'wasi:cli/environment': { getEnvironment(): [string, string][]; getArguments(): string[] };
  'wasi:cli/stdout': { getStdout(): OutputStreamLike };
  'wasi:cli/stderr': { getStderr(): OutputStreamLike };
  'wasi:clocks/wall-clock': { now(): { seconds: bigint; nanoseconds: number } };
  'wasi:clocks/monotonic-clock': { now(): bigint };
  'wasi:random/random': { getRandomBytes(length: bigint): Uint8Array };
}

/** preview2-shim's streams take at most this many bytes per blocking write. */
const WRITE_CHUNK = 4096;

/** The host of one instance, from its import object; throws naming an interface that is missing. */
export function preview1HostFrom(imports: ImportObject): Preview1Host {
  const get = <K extends keyof WasiP2Imports>(key: K): WasiP2Imports[K] => {
    const value = imports[key];
    if (typeof value !== 'object' || value === null) {
      throw new Error(`The host gave a Spin 1 module no ${key}: its instance imports are incomplete.`);
    }
    return value as WasiP2Imports[K];
  };
  const environment = get('wasi:cli/environment');
  const streams = { 1: get('wasi:cli/stdout').getStdout(), 2: get('wasi:cli/stderr').getStderr() };
  const wallClock = get('wasi:clocks/wall-clock');
  const monotonic = get('wasi:clocks/monotonic-clock');
  const random = get('wasi:random/random');
  return {
    arguments: () => environment.getArguments(),
    environment: () => environment.getEnvironment(),
    wallClockNanoseconds() {
      const { seconds, nanoseconds } = wallClock.now();
      return seconds * 1_000_000_000n + BigInt(nanoseconds);
    },
    monotonicNanoseconds: () => monotonic.now(),
    randomBytes: (length) => random.getRandomBytes(BigInt(length)),
    write(fd, bytes) {
      // Log lines are synchronous: a blocking write here never waits.
      for (let at = 0; at < bytes.byteLength; at += WRITE_CHUNK) {
        void streams[fd].blockingWriteAndFlush(bytes.subarray(at, at + WRITE_CHUNK));
      }
    },
  };
}
