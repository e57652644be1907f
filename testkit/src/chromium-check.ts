/**
 * Says what to install when Playwright has no Chromium to launch, before Playwright's own
 * launch error (which knows nothing of Debian's package or of `SWERVE_CHROMIUM`).
 */
import { existsSync } from 'node:fs';

/** The message for a Chromium missing at `path` (undefined: Playwright's own was looked for). */
export function missingChromiumMessage(path: string, configured: boolean): string {
  return [
    `[swerve] @swerve/playwright runs apps in Chromium, and there is no Chromium at ${path}.`,
    configured
      ? '- launchOptions.executablePath names that file: point it at a Chromium or Chrome binary.'
      : "- Install Playwright's Chromium: npx playwright install chromium",
    '- Or use a system Chromium (Debian or Ubuntu: sudo apt-get install -y chromium) with',
    "  use: { launchOptions: { executablePath: '/usr/bin/chromium' } } in playwright.config.ts.",
  ].join('\n');
}

/** Throws the message above when the Chromium that would be launched is not there. */
export function checkChromium(executablePath: string | undefined, playwrightDefault: () => string): void {
  const path = executablePath ?? playwrightDefault();
  if (!existsSync(path)) throw new Error(missingChromiumMessage(path, executablePath !== undefined));
}
