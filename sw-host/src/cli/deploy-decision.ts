/**
 * What the `swerve up` bootstrap page does once the host is installed: which apps to remove and
 * whether to deploy. Pure, so it is tested under Node; the page script only carries it out.
 */
import type { AppSummary } from '../protocol/deploy.ts';
import type { AppListing } from './up-protocol.ts';

export interface DeployDecision {
  /** Apps deployed at `/` under another name (an earlier `swerve up` of another app on this origin). */
  remove: string[];
  deploy: boolean;
}

/**
 * Deploys when asked to (`forced`), when the app is not mounted at `/`, or when the server's
 * version differs from the one this browser last deployed (`lastDeployed`, null if never).
 */
export function deployDecision(
  listing: Pick<AppListing, 'name' | 'version'>,
  apps: readonly Pick<AppSummary, 'name' | 'mount' | 'origin'>[],
  lastDeployed: string | null,
  forced: boolean,
): DeployDecision {
  const atRoot = apps.filter((app) => app.mount === '/');
  const remove = atRoot
    .filter((app) => app.name !== listing.name && app.origin === 'deployed')
    .map((app) => app.name);
  const present = atRoot.some((app) => app.name === listing.name);
  return { remove, deploy: forced || !present || lastDeployed !== listing.version };
}
