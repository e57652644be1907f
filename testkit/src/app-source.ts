/**
 * The user's Spin app, read from disk the way `swerve up` reads an app folder (the host's own
 * manifest parser, the same allowlist of files): which files a deploy needs and where the kit's
 * server serves them from.
 */
import { createHash } from 'node:crypto';
import { relative } from 'node:path';
import { loadApp, locateManifest, type AppManifest } from 'swerve/node';

export interface AppSource {
  /** Names the app's files on the server: a hash of the manifest's absolute path. */
  id: string;
  manifestFile: string;
  /** How messages name the manifest (relative to the project). */
  displayPath: string;
  /** Folder-relative path → absolute path: every file the server may serve for this app. */
  served: Map<string, string>;
  /** Deploy key → folder-relative path. */
  deployFiles: Map<string, string>;
  warnings: string[];
  /** The app's name (as it is deployed) and its manifest, read. */
  name: string;
  manifest: AppManifest;
}

/**
 * Reads the app `spinApp` names (a manifest or its folder, relative to `baseDir`).
 * @throws SwerveError with the manifest's problem, or the components that are not built.
 */
export async function readAppSource(spinApp: string, baseDir: string): Promise<AppSource> {
  const manifestPath = await locateManifest(spinApp, baseDir);
  const displayPath = relative(baseDir, manifestPath) || manifestPath;
  const app = await loadApp(manifestPath, displayPath);
  return {
    id: createHash('sha256').update(manifestPath).digest('hex').slice(0, 16),
    manifestFile: app.manifestFile,
    displayPath,
    served: app.served,
    deployFiles: app.deployFiles,
    warnings: [...app.manifest.warnings],
    name: app.name,
    manifest: app.manifest,
  };
}
