#!/usr/bin/env node
// @ts-check
/**
 * Makes sure a Chromium is available before the browser tests run. On Debian as root it
 * installs the `chromium` package; elsewhere it says exactly what to install.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { findChromium } from './chromium-path.js';

const found = findChromium();
if (found) {
  console.log(
    `Browser tests use ${found.source}${found.executablePath ? ` (${found.executablePath})` : ''}.`,
  );
  process.exit(0);
}

const isDebian = existsSync('/etc/debian_version');
const isRoot = process.getuid?.() === 0;
if (isDebian && isRoot) {
  console.log("No Chromium found: installing Debian's chromium package (apt-get install -y chromium)...");
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env });
  if (findChromium()) process.exit(0);
}

console.error(
  [
    'The browser tests need Chromium, and none was found.',
    '- On Debian or Ubuntu: sudo apt-get install -y chromium',
    '- Anywhere Playwright can download browsers: npx playwright install chromium',
    '- Or point SWERVE_CHROMIUM at a Chromium or Chrome binary.',
  ].join('\n'),
);
process.exit(1);
