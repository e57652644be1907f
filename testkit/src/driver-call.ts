/** Calls into the kit's driver page (driver/driver.ts), which carries them out through the host. */
import type { Page } from '@playwright/test';
import type { KitDriver } from './driver-api.ts';

type Calls = { [K in keyof KitDriver]: KitDriver[K] extends (...args: infer A) => infer R ? [A, R] : never };

/** Calls `swerveKit[name](...args)` in the driver page. */
export function callDriver<K extends keyof KitDriver>(
  driver: Page,
  name: K,
  ...args: Calls[K][0]
): Promise<Awaited<Calls[K][1]>> {
  return driver.evaluate(
    ([name, args]) => {
      const kit = (globalThis as unknown as { swerveKit: Record<string, (...a: unknown[]) => unknown> })
        .swerveKit;
      return kit[name]!(...args);
    },
    [name, args] as [string, unknown[]],
  ) as Promise<Awaited<Calls[K][1]>>;
}
