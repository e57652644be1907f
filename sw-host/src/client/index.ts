/**
 * The page-side Swerve API: connect to an app's host (at the app's own origin, or this page's),
 * deploy, send it requests, read its logs and key-value stores.
 */
export {
  appOriginFor,
  connectApp,
  connectHost,
  type ConnectOptions,
  type DeployOptions,
  type HostConnection,
} from './host-connection.ts';
export { contentAppKey, isAppKey, randomAppKey } from '../origins/app-origins.ts';
export { sameSiteFramer, sameSiteFramerMessage } from './same-site-framer.ts';
export type { HostMode } from '../protocol/messages.ts';
export type { DeployFile } from './deploy-files.ts';
export type { KvClient } from './kv-client.ts';
export type { SqliteClient, SqliteClientResult, SqlitePlainValue } from './sqlite-client.ts';
export type { KvDump } from '../kv/kv-dump.ts';
export type { AppSummary, DeployResult, PreparedComponent } from '../protocol/deploy.ts';
export type { HostEvent, LogRecord } from '../protocol/host-events.ts';
export type { RequestRecord } from '../protocol/request-record.ts';
export type { OutboundCall, OutboundCalls } from '../protocol/outbound-calls.ts';
export { messageOf, SwerveError, type SwerveErrorCode } from '../errors.ts';
export type { AppCatalog, CatalogApp, CatalogComponent } from '../catalog/app-catalog.ts';
export { APPS_ROOT, CATALOG_PATH, PLAIN_ROUTE_PATH } from '../protocol/paths.ts';
