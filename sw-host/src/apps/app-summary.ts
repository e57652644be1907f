/** What pages are told about a deployed app. */
import type { AppSummary } from '../protocol/deploy.ts';
import type { DeployedApp } from './deployed-app.ts';

export function appSummary(app: DeployedApp): AppSummary {
  return {
    name: app.name,
    mount: app.mount,
    description: app.manifest.application.description ?? '',
    origin: app.definition.origin,
    components: [...app.components.values()].map((component) => ({
      id: component.id,
      version: component.artifacts.version,
    })),
    routes: app.router.routes.map((route) => route.rawRoute),
    deployedAt: app.definition.deployedAt,
    ...(app.definition.version === undefined ? {} : { version: app.definition.version }),
  };
}
