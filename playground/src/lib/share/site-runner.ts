/**
 * The site's runner component (components/runner), which a link names instead of carrying:
 * fetched once from the site, and hashed so a project's copy of it is recognised.
 */
import runnerUrl from '../../../../components/runner/dist/runner.wasm?url';
import { sha256Hex } from '../project/hash.ts';
import type { SiteRunner } from './shared-app.ts';

let loading: Promise<{ hash: string; bytes: Uint8Array }> | undefined;

function load(): Promise<{ hash: string; bytes: Uint8Array }> {
  loading ??= fetch(runnerUrl).then(async (response) => {
    if (!response.ok)
      throw new Error(`Could not download the site's runner (${runnerUrl}): it answered ${response.status}.`);
    const bytes = new Uint8Array(await response.arrayBuffer());
    return { hash: await sha256Hex(bytes), bytes };
  });
  loading.catch(() => (loading = undefined));
  return loading;
}

/** The site's runner, once its bytes are here. */
export async function siteRunner(): Promise<SiteRunner> {
  const { hash, bytes } = await load();
  return { hash, bytes: async () => bytes };
}
