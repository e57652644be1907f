/**
 * What pages see of apps beyond their responses: guest output and request records streamed
 * to pages, and HTML apps whose documents use root-relative URLs under a mount.
 */
import { appOrigin, withHost } from '../fixtures/app-hosts.ts';
import { deployApp } from '../fixtures/deploy.ts';
import { expect, test } from '../fixtures/swerve.ts';
import type { HostEvent } from 'swerve/protocol';

test("a guest's stdout and each request's record reach pages that subscribe, tagged with app, component and request", async ({
  hostPage,
}) => {
  const events = await withHost(
    hostPage,
    'echo',
    async (host) => {
      const seen: HostEvent[] = [];
      let unsubscribe = () => {};
      const requestRecorded = new Promise<void>((resolve) => {
        unsubscribe = host.subscribe((event) => {
          seen.push(event);
          if (event.type === 'request') resolve();
        });
      });
      await host.fetch('/logged?x=1');
      await requestRecorded;
      unsubscribe();
      return seen;
    },
    undefined,
  );
  const log = events.find((event) => event.type === 'log');
  const request = events.find((event) => event.type === 'request');
  expect(log?.record).toMatchObject({
    source: 'stdout',
    app: 'echo',
    component: 'echo',
    message: 'echo: GET /logged?x=1',
  });
  expect(request?.record).toMatchObject({ app: 'echo', component: 'echo', path: '/logged?x=1', status: 200 });
  expect(log?.type === 'log' && request?.type === 'request' && log.record.requestId).toBe(
    request?.type === 'request' && request.record.id,
  );
  const timings = request?.type === 'request' ? request.record.timings : undefined;
  expect(timings?.totalMs).toBeGreaterThan(0);
});

const HTML_APP = `
spin_manifest_version = 2
[application]
name = "site-app"
[[trigger.http]]
route = "/"
static_response = { headers = { content-type = "text/html" }, body = '''<!doctype html><link rel="stylesheet" href="/style.css"><h1>Home</h1><a href="/about">About</a>''' }
[[trigger.http]]
route = "/style.css"
static_response = { headers = { content-type = "text/css" }, body = "h1 { color: rgb(1, 2, 3); }" }
[[trigger.http]]
route = "/about"
static_response = { headers = { content-type = "text/html" }, body = "<!doctype html><h1>About us</h1>" }
`;

test('root-relative URLs in a document an app served resolve against that app, under its mount', async ({
  hostPage,
}) => {
  // An app may still be mounted below the root of its origin.
  const deployed = await deployApp(hostPage, { manifest: HTML_APP, mount: '/apps/site-app/' });
  expect(deployed.ok, JSON.stringify(deployed)).toBe(true);
  await hostPage.goto(`${appOrigin('site-app')}/apps/site-app/`);
  // The stylesheet `/style.css` came from the app, not the site's server.
  await expect(hostPage.locator('h1')).toHaveCSS('color', 'rgb(1, 2, 3)');
  // A root-relative link lands under the app's mount.
  await hostPage.getByRole('link', { name: 'About' }).click();
  await expect(hostPage.locator('h1')).toHaveText('About us');
  expect(new URL(hostPage.url()).pathname).toBe('/apps/site-app/about');
});
