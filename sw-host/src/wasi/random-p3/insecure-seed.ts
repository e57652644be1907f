/**
 * `wasi:random/insecure-seed@0.3`: 128 bits a guest seeds its hash maps with (against
 * hash-flooding). The WIT allows the same value every call; one pair per instance, drawn when
 * the instance is made, keeps instances apart without holding state anywhere else.
 * preview3-shim's version hands every instance in the worker the same pair.
 */
import type * as InsecureSeed from '../../capabilities/wit-types/http-wasi-p3/interfaces/wasi-random-insecure-seed.js';
import type { HostSide } from '../../capabilities/host-side.ts';
export function createInsecureSeed() {
  const [first, second] = crypto.getRandomValues(new BigUint64Array(2));
  const seed: [bigint, bigint] = [first!, second!];
  return { getInsecureSeed: (): [bigint, bigint] => [...seed] } satisfies HostSide<typeof InsecureSeed>;
}
