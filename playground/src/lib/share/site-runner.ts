/**
 * The site's runner component (components/runner), which a link names instead of carrying and a
 * JavaScript project holds by reference: its hash and size are known from the build
 * (`__SWERVE_RUNNER_DIGEST__`, playground/build-config.ts), so recognising or naming it costs
 * nothing; its 14 MiB are fetched only when the bytes themselves are needed (an export, a host
 * without the published runner). Where the build gave no digest (a unit test), it is hashed once
 * downloaded.
 */
import runnerUrl from '../../../../components/runner/dist/runner.wasm?url';
import { sha256Hex } from '../project/hash.ts';
import type { SiteRunner } from './shared-app.ts';

declare const __SWERVE_RUNNER_DIGEST__: { sha256: string; size: number } | undefined;

/** The runner's SHA-256 and size from the build, when the build gave them. */
export const SITE_RUNNER_DIGEST: { sha256: string; size: number } | undefined =
  typeof __SWERVE_RUNNER_DIGEST__ === 'object' ? __SWERVE_RUNNER_DIGEST__ : undefined;

let loading: Promise<Uint8Array> | undefined;

/** The runner's bytes, downloaded once. */
export function siteRunnerBytes(): Promise<Uint8Array> {
  loading ??= fetch(runnerUrl).then(async (response) => {
    if (!response.ok)
      throw new Error(`Could not download the site's runner (${runnerUrl}): it answered ${response.status}.`);
    return new Uint8Array(await response.arrayBuffer());
  });
  loading.catch(() => (loading = undefined));
  return loading;
}

/** The site's runner: its hash at once where the build gave it, its bytes when asked for. */
export async function siteRunner(): Promise<SiteRunner> {
  const hash = SITE_RUNNER_DIGEST?.sha256 ?? (await sha256Hex(await siteRunnerBytes()));
  return { hash, bytes: siteRunnerBytes };
}
