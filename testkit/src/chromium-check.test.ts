import { describe, expect, it } from 'vitest';
import { checkChromium } from './chromium-check.ts';

describe('checkChromium', () => {
  it("says how to install Playwright's Chromium when that is the one missing", () => {
    expect(() => checkChromium(undefined, () => '/nowhere/chrome')).toThrow(
      /no Chromium at \/nowhere\/chrome\.\n- Install Playwright's Chromium: npx playwright install chromium/,
    );
  });

  it('names the configured path, and a system Chromium as the other way', () => {
    expect(() => checkChromium('/opt/none', () => '/unused')).toThrow(
      /launchOptions\.executablePath names that file[\s\S]*apt-get install -y chromium/,
    );
  });

  it('passes when the binary is there', () => {
    expect(() => checkChromium(process.execPath, () => '/unused')).not.toThrow();
  });
});
