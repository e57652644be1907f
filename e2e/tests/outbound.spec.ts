/**
 * Service chaining, as under `spin up`: a component's request to `<component>.spin.internal`
 * reaches that (private) component in process. This stays on the site's fixtures: the chained
 * component is the `probe`, which is built in another fixture folder than the `outbound` one
 * that calls it, and `@swerve/playwright` (as `swerve up`) serves an app only files inside its
 * folder. The rest of outgoing HTTP is tested with the kit: e2e/app-tests/outbound.spec.ts.
 */
import { withHost } from '../fixtures/app-hosts.ts';
import { deployApp, serveTestFiles } from '../fixtures/deploy.ts';
import { expect, test } from '../fixtures/swerve.ts';

const MANIFEST = `
spin_manifest_version = 2

[application]
name = "calls"

[[trigger.http]]
route = "/..."
component = "outbound"

[[trigger.http]]
route = { private = true }
component = "probe"

[component.outbound]
source = "outbound.wasm"
allowed_outbound_hosts = ["http://probe.spin.internal"]

[component.probe]
source = "probe.wasm"
`;

test('service chaining reaches a private component with the route /..., as Spin does', async ({
  hostPage,
  hostFetch,
}) => {
  await serveTestFiles(hostPage);
  const deployed = await deployApp(hostPage, {
    manifest: MANIFEST,
    files: {
      'outbound.wasm': { built: 'fixtures/outbound/dist/outbound.wasm' },
      'probe.wasm': { built: 'fixtures/probe/dist/probe.wasm' },
    },
  });
  expect(deployed).toMatchObject({ ok: true });

  const query = new URLSearchParams({ url: 'http://probe.spin.internal/some/path?q=1' });
  const answer = await hostFetch(`/apps/calls/call?${query}`);
  const chained = { status: answer.status, ...JSON.parse(answer.body) };
  expect(chained.status).toBe(200);
  // The calling request's record lists the chained call (the playground's inspector shows it).
  const records = await withHost(hostPage, 'calls', (host) => host.requests(), undefined);
  expect(records.find((record) => record.path.startsWith('/call?'))?.outbound?.calls).toEqual([
    expect.objectContaining({
      url: 'http://probe.spin.internal/some/path?q=1',
      target: 'component',
      status: 200,
    }),
  ]);
  const probe = JSON.parse(chained.body);
  expect(probe.pathWithQuery).toBe('/some/path?q=1');
  // No `host`: a WASI 0.2 guest is not shown it, as under Spin (wasmtime strips it).
  expect(probe.headers.host).toBeUndefined();
  expect(probe.headers).toMatchObject({
    'spin-full-url': 'http://probe.spin.internal/some/path?q=1',
    'spin-path-info': '/some/path',
    'spin-raw-component-route': '/...',
    'spin-client-addr': '0.0.0.0:0',
  });
});
