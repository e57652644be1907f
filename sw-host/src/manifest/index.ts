/**
 * Spin manifests (`spin.toml`, version 2, and version 1 converted to it as Spin does): parsing,
 * validation and the normalised app shape.
 */
export { parseManifest } from './parse-manifest.ts';
export {
  missingVariables,
  summariseManifest,
  type ManifestSummary,
  type ManifestVariable,
  type SummaryFileMount,
} from './manifest-summary.ts';
export type {
  AppManifest,
  ApplicationInfo,
  BuildConfig,
  ComponentManifest,
  ComponentSource,
  FileMount,
  HttpRoute,
  HttpTrigger,
  StaticResponse,
  TriggerHandler,
  VariableDeclaration,
} from './types.ts';
