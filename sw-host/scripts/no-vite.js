// @ts-check
/**
 * Stands in for Vite in the package's command and Node API (sw-host/scripts/build.js): they
 * serve the prebuilt host and never build, so they must not need Vite installed. Only the
 * sources build the host's scripts at run time (vite-plugin/build-host-scripts.ts).
 */
export function build() {
  throw new Error(
    '[swerve] The swerve package builds nothing at run time: its host scripts are in dist/host/. Reinstall the package from its tarball.',
  );
}
