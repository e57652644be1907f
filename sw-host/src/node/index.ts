/**
 * `swerve/node`: what tools running in Node build on (the test kit, editors, scripts): loading
 * an app folder as `swerve up` does, the components it prepares ahead, paths that stay inside
 * an app's folder, the host's server middleware, the prebuilt host scripts, and the manifest
 * parser. Packages use these exports, never sw-host's `src/` folders.
 */
export { loadApp, locateManifest, deployName, type LoadedApp } from '../cli/load-app.ts';
export { PREPARED_PATH, PreparedComponents, withoutPreparedSources } from '../cli/prepared-components.ts';
export {
  isInside,
  relativeFromUrlPath,
  resolveInside,
  urlPathFor,
  type InsidePath,
} from '../cli/safe-path.ts';
export { FileHasher } from '../cli/app-version.ts';
export { APP_FILES_PREFIX } from '../cli/up-protocol.ts';
export { ensureHostBuild, type HostBuild } from '../cli/host-build.ts';
export { hostMiddleware, LOCAL_SITE_HOST } from '../vite-plugin/host-middleware.ts';
export { readPrebuiltHost, type PrebuiltHost } from '../vite-plugin/prebuilt-host.ts';
export { appKeyOf, appOrigin, randomAppKey, type OriginsConfig } from '../origins/app-origins.ts';
export { CATALOG_PATH } from '../protocol/paths.ts';
export type { DeployRequest, PreparedComponent } from '../protocol/deploy.ts';
export {
  parseManifest,
  summariseManifest,
  type AppManifest,
  type ManifestSummary,
} from '../manifest/index.ts';
export { SwerveError, messageOf } from '../errors.ts';
