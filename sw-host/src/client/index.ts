/**
 * The page-side Swerve API: connect to the in-browser host, then fetch app URLs as usual.
 */
export {
  connectHost,
  type ConnectOptions,
  type DeployOptions,
  type HostConnection,
} from './host-connection.ts';
export type { DeployFile } from './deploy-files.ts';
export type { KvClient } from './kv-client.ts';
export type { KvDump } from '../kv/kv-dump.ts';
export type { AppSummary, DeployResult } from '../protocol/deploy.ts';
export type { HostEvent, LogRecord } from '../protocol/host-events.ts';
export type { RequestRecord } from '../protocol/request-record.ts';
export { SwerveError, type SwerveErrorCode } from '../errors.ts';
export type { AppCatalog, CatalogApp, CatalogComponent } from '../catalog/app-catalog.ts';
export { APPS_ROOT, CATALOG_PATH, PLAIN_ROUTE_PATH } from '../protocol/paths.ts';
