/**
 * The browser context a worker's tests of one app share (docs/decisions/0025): made by the first
 * test that needs it, with the app's origin running in it (its host page framed by the kit's
 * driver page, its service worker registered, its components compiled), and handed to each later
 * test as its `context`, with one `page`, once what the last test did to them is undone
 * (`resetContext`). What cannot be undone through Playwright's API (a fake clock, a page's
 * viewport or media, a document loaded in the page) marks the page or the context spent: the next
 * test gets a new one.
 */
import type { Browser, BrowserContext, BrowserContextOptions, Frame, Page, Request } from '@playwright/test';
import { DRIVER_PAGE_PATH } from './driver-api.ts';

type Undo = () => Promise<unknown> | unknown;

export interface KitContext {
  context: BrowserContext;
  /** The driver page: the tab that frames the app's host page and carries out the fixtures' calls. */
  driver: Page;
  /** The test's `page`, kept for the next test while nothing it cannot undo was done to it. */
  page: Page | undefined;
  /** The app's origin in this context. */
  origin: string;
  options: BrowserContextOptions;
  /** What the current test added to the context and the page, undone in reverse by `resetContext`. */
  undo: Undo[];
  /** Something was done to the page (or the context) that the kit cannot undo. */
  pageSpent: boolean;
  /** The test called the page: its blank document may hold what it left. */
  pageUsed: boolean;
  contextSpent: boolean;
  /** Context settings the test changed, set back to the config's by `resetContext`. */
  changed: Set<string>;
  /** The requests the app's guests sent out since the test began (`app.outbound()`). */
  outbound: Request[];
  /** The app's deployment, as the last test left it: kept for the next when both share it. */
  lastDeploy?: { signature: string; shared: boolean; name: string; mode: string };
}

/** Methods whose effects last until the Disposable they return is disposed of. */
const DISPOSABLE_ADDITIONS = ['addInitScript', 'exposeBinding', 'exposeFunction'] as const;
const LISTENER_ADDITIONS = ['on', 'once', 'addListener', 'prependListener', 'prependOnceListener'] as const;
/** Page settings that last and have no getter to restore them from. */
const PAGE_SETTINGS = ['setViewportSize', 'emulateMedia', 'setExtraHTTPHeaders'] as const;
/** Context settings the kit sets back after a test that changed them (each is a browser round trip). */
const CONTEXT_SETTINGS = [
  'route',
  'routeFromHAR',
  'routeWebSocket',
  'grantPermissions',
  'setExtraHTTPHeaders',
  'setOffline',
  'setGeolocation',
] as const;
/** A fake clock lasts for the context's life. */
const CLOCK_METHODS = [
  'install',
  'pauseAt',
  'setFixedTime',
  'setSystemTime',
  'fastForward',
  'runFor',
] as const;

type Methods = Record<string, (...args: unknown[]) => unknown>;

const isClosedPage = (target: BrowserContext | Page) => 'isClosed' in target && target.isClosed();

/** Records, on `target` itself (so `page.context()` is covered too), what a test adds to it. */
function track(target: BrowserContext | Page, kit: KitContext, spend: () => void): void {
  const methods = target as unknown as Methods;
  for (const name of DISPOSABLE_ADDITIONS) {
    const original = methods[name]!.bind(target);
    methods[name] = async (...args: unknown[]) => {
      const disposable = (await original(...args)) as { dispose(): Promise<void> };
      kit.undo.push(() => (isClosedPage(target) ? undefined : disposable.dispose()));
      return disposable;
    };
  }
  for (const name of LISTENER_ADDITIONS) {
    const original = methods[name]!.bind(target);
    methods[name] = (event: unknown, listener: unknown) => {
      kit.undo.push(() =>
        (target as unknown as { off: (e: unknown, l: unknown) => void }).off(event, listener),
      );
      original(event, listener);
      return target;
    };
  }
  const lasting = 'newPage' in target ? [] : PAGE_SETTINGS;
  for (const name of lasting) {
    const original = methods[name]!.bind(target);
    methods[name] = (...args: unknown[]) => {
      spend();
      return original(...args);
    };
  }
  const settings =
    'newPage' in target ? CONTEXT_SETTINGS : (['route', 'routeFromHAR', 'routeWebSocket'] as const);
  for (const name of settings) {
    const original = methods[name]!.bind(target);
    methods[name] = (...args: unknown[]) => {
      kit.changed.add('newPage' in target ? name : `page.${name}`);
      return original(...args);
    };
  }
}

export async function openKitContext(
  browser: Browser,
  options: BrowserContextOptions,
  siteOrigin: string,
  origin: string,
): Promise<KitContext> {
  const context = await browser.newContext(options);
  const driver = await context.newPage();
  await driver.goto(`${siteOrigin}${DRIVER_PAGE_PATH}`);
  await driver.locator('body[data-kit="ready"]').waitFor({ state: 'attached' });
  const kit: KitContext = {
    context,
    driver,
    page: undefined,
    origin,
    options,
    undo: [],
    pageSpent: false,
    pageUsed: false,
    contextSpent: false,
    changed: new Set(),
    outbound: [],
  };
  // The guests' own requests: from the service worker, or from the workers of the host page
  // framed in the driver page; not the host's requests to the kit's server.
  const kitHost = new URL(siteOrigin).host;
  context.on('request', (request) => {
    const host = new URL(request.url()).host;
    if (host === kitHost || host.endsWith(`.${kitHost}`)) return;
    if (request.serviceWorker() || fromDriver(request, driver)) kit.outbound.push(request);
  });
  track(context, kit, () => (kit.contextSpent = true));
  const clock = context.clock as unknown as Methods;
  for (const name of CLOCK_METHODS) {
    const original = clock[name]!.bind(context.clock);
    clock[name] = (...args: unknown[]) => {
      kit.contextSpent = true;
      return original(...args);
    };
  }
  return kit;
}

function fromDriver(request: Request, driver: Page): boolean {
  try {
    return request.frame().page() === driver;
  } catch {
    return false; // a request with no frame (a service worker's) is not the driver's
  }
}

/** Page methods that change nothing a later test could see. */
const PAGE_READS = new Set([
  'constructor',
  'isClosed',
  'url',
  'context',
  'viewportSize',
  'video',
  'toString',
  'valueOf',
  ...LISTENER_ADDITIONS,
  'off',
  'removeListener',
  'removeAllListeners',
  'listenerCount',
  'listeners',
  'rawListeners',
  'eventNames',
  'emit',
  'setMaxListeners',
  'getMaxListeners',
]);

/**
 * Notes any call of the page's public methods but reads (`page.goto`, `page.evaluate`,
 * `page.locator`, `page.mainFrame`, ...): a page the test never called needs no new document.
 */
function noteUse(page: Page, kit: KitContext): void {
  const methods = page as unknown as Methods;
  const names = new Set<string>();
  for (let proto = Object.getPrototypeOf(page); proto && proto !== Object.prototype;) {
    for (const name of Object.getOwnPropertyNames(proto)) names.add(name);
    proto = Object.getPrototypeOf(proto);
  }
  for (const name of names) {
    if (name.startsWith('_') || PAGE_READS.has(name) || typeof methods[name] !== 'function') continue;
    const original = methods[name]!;
    methods[name] = function (this: unknown, ...args: unknown[]) {
      kit.pageUsed = true;
      return original.apply(this, args);
    };
  }
}

/** The test's page: the last test's, or a new one. */
export async function testPage(kit: KitContext): Promise<Page> {
  if (kit.page && !kit.page.isClosed()) return kit.page;
  const page = await kit.context.newPage();
  // A tab keeps its sessionStorage, per origin, across navigations: a page that loaded a
  // document is not handed to the next test.
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame() && frame.url() !== 'about:blank') kit.pageSpent = true;
  });
  noteUse(page, kit);
  track(page, kit, () => (kit.pageSpent = true));
  kit.pageSpent = false;
  return (kit.page = page);
}

/** Run in the app origin's host page (a string: this side has no DOM types). */
const CLEAR_PAGE_STORAGE = `(async () => {
  localStorage.clear();
  sessionStorage.clear();
  const own = (name) => typeof name === 'string' && !name.startsWith('swerve');
  const databases = (await indexedDB.databases()).filter((db) => own(db.name));
  await Promise.all(databases.map((db) => new Promise((resolve) => {
    const deleting = indexedDB.deleteDatabase(db.name);
    deleting.onsuccess = deleting.onerror = deleting.onblocked = () => resolve();
  })));
  await Promise.all((await caches.keys()).filter(own).map((name) => caches.delete(name)));
})()`;

/**
 * Undoes what a test did to the shared context: pages it opened are closed and its page left
 * blank, its routes, init scripts, exposed functions and listeners removed, cookies,
 * permissions, headers, geolocation and offline mode set back to the config's, and the app
 * origin's own page storage (what the app's documents kept: localStorage, sessionStorage, their
 * IndexedDB databases and caches) emptied. The host's storage (names starting `swerve`) stays:
 * the driver resets the app itself. Returns false when the context is spent and must be closed.
 */
export async function resetContext(kit: KitContext): Promise<boolean> {
  const { context, driver, options, changed } = kit;
  // A storage state is the context's starting point, which clearing cookies would lose.
  if (kit.contextSpent || options.storageState !== undefined) return false;
  const keep = kit.pageSpent ? undefined : kit.page;
  const others = context.pages().filter((page) => page !== driver && page !== keep);
  // Only a document (a page that navigated, or one the test opened) can have kept page storage.
  const documentsRan = keep === undefined || others.length > 0;
  await Promise.all(others.map((page) => page.close()));
  if (!keep) kit.page = undefined;
  for (const undo of kit.undo.splice(0).reverse()) {
    // What was added to a page just closed went with it; anything else that cannot be undone
    // leaves the context to no one.
    await Promise.resolve()
      .then(undo)
      .catch(() => (kit.contextSpent = true));
  }
  if (kit.contextSpent) return false;
  const has = (name: string) => changed.has(name);
  await Promise.all([
    (has('route') || has('routeFromHAR') || has('routeWebSocket')) &&
      context.unrouteAll({ behavior: 'ignoreErrors' }),
    keep && has('page.route') && keep.unrouteAll({ behavior: 'ignoreErrors' }),
    // A new blank document: what a test left in the old one (globals, setContent's DOM) goes.
    kit.pageUsed && keep?.goto('about:blank', { waitUntil: 'commit' }),
    context.clearCookies(),
    has('grantPermissions') &&
      context
        .clearPermissions()
        .then(() => options.permissions && context.grantPermissions(options.permissions)),
    has('setExtraHTTPHeaders') && context.setExtraHTTPHeaders(options.extraHTTPHeaders ?? {}),
    has('setOffline') && context.setOffline(options.offline ?? false),
    has('setGeolocation') && context.setGeolocation(options.geolocation ?? null),
  ]);
  changed.clear();
  kit.pageUsed = false;
  if (documentsRan) {
    await findHostFrame(driver, kit.origin)?.evaluate(CLEAR_PAGE_STORAGE);
  }
  return true;
}

/** The frame of the app's host page (at the app's origin) inside the driver page, while it is there. */
export function findHostFrame(driver: Page, origin: string): Frame | undefined {
  return driver.frames().find((frame) => frame.url().startsWith(`${origin}/`));
}
