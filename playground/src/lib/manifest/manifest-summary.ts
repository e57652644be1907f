/**
 * What the playground's panels need to know about a spin.toml, read leniently as it is typed:
 * the host's summary (`swerve/manifest`); the host's deploy says exactly what is wrong
 * (deploy-diagnostics.ts).
 */
export {
  missingVariables,
  summariseManifest,
  type ManifestSummary,
  type ManifestVariable,
  type SummaryFileMount,
} from 'swerve/manifest';
