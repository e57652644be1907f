/**
 * The catalog of apps deployed with the site: written by the Vite plugin at build time as
 * `/_swerve/apps.json`, read by the service worker and by pages.
 */

/** Where one component's transpiled artifacts are served. */
export interface CatalogComponent {
  /** Changes whenever the component's inputs change; keys the loaded-component cache. */
  version: string;
  /** URL of jco's glue module. */
  glue: string;
  /** Core module file name (as the glue asks for it) → URL. */
  coreModules: Record<string, string>;
  /** Size of the original component, in bytes. */
  componentBytes: number;
}

export interface CatalogApp {
  /** The app's name, which is also its key: it runs at the root of its own origin (`<name>.<site>`). */
  name: string;
  description: string;
  /** The app's spin.toml, as written. */
  manifest: string;
  /** Component id → its artifacts. */
  components: Record<string, CatalogComponent>;
}

export interface AppCatalog {
  /** The site build that wrote this catalog. */
  build: string;
  apps: CatalogApp[];
  /**
   * Where the host posts its events (log lines and request records, as JSON arrays), when the
   * server wants to show them: `swerve up` prints them in its terminal.
   */
  events?: string;
  /** Set by `swerve watch`: open tabs follow the app folder as it is rebuilt. */
  liveReload?: LiveReload;
}

/**
 * Where `swerve watch` says what the folder's current version is. The worker checks `version`
 * before it answers a navigation (an older deploy is redeployed first) and adds `script` to the
 * HTML pages it answers, which listens to `changes` and reloads the page when a rebuild lands.
 */
export interface LiveReload {
  /** JSON `{ "version": "…" }`: the version a browser should be running now. */
  version: string;
  /** Server-sent events, one per new version, with the same JSON. */
  changes: string;
  /** The module script added to HTML pages. */
  script: string;
  /** The page that redeploys the folder, then goes to its `?to=` path. */
  redeploy: string;
}
