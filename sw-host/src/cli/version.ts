/**
 * `swerve --version`, printed as `spin --version` prints Spin's: the name, the version, and the
 * commit and date it was built from when known (`swerve 0.1.0 (192af36 2026-12-06)`).
 */
import { readFileSync } from 'node:fs';

/** Set by the package's build (sw-host/scripts/build.js); absent when run from the sources. */
declare const __SWERVE_VERSION__: string | undefined;

export function versionLine(): string {
  if (typeof __SWERVE_VERSION__ === 'string') return `swerve ${__SWERVE_VERSION__}`;
  // From the repository's sources: the version in sw-host/package.json.
  const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return `swerve ${manifest.version} (sources)`;
}
