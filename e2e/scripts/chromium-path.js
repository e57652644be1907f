// @ts-check
/**
 * Finds the Chromium the tests drive, in this order:
 * 1. `SWERVE_CHROMIUM` (a path to any Chromium or Chrome binary);
 * 2. Debian's `chromium` package at /usr/bin/chromium;
 * 3. a browser installed by `npx playwright install chromium` (returns undefined: Playwright
 *    then uses its own).
 */
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

export const DEBIAN_CHROMIUM = '/usr/bin/chromium';

/** Flags for a closed network and a root user in CI (see the toolchain notes). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** @returns {{ executablePath: string | undefined, source: string } | undefined} */
export function findChromium() {
  const fromEnv = process.env.SWERVE_CHROMIUM;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`SWERVE_CHROMIUM is set to ${fromEnv}, which does not exist.`);
    return { executablePath: fromEnv, source: 'SWERVE_CHROMIUM' };
  }
  if (existsSync(DEBIAN_CHROMIUM)) return { executablePath: DEBIAN_CHROMIUM, source: 'Debian chromium' };
  if (existsSync(chromium.executablePath()))
    return { executablePath: undefined, source: "Playwright's Chromium" };
  return undefined;
}
