/**
 * What `swerve up` prints once it listens: where to open the app and its routes, as `spin up`
 * prints them, and how the browser side works (the server never answers the app's own paths).
 */
import type { AppManifest, HttpTrigger } from '../manifest/index.ts';
import { REDEPLOY_PATH } from './up-protocol.ts';

/** `http://host:port/` for a listening address; unspecified and IPv6 addresses made browsable. */
export function baseUrlFor(host: string, port: number): string {
  const browsable = host === '0.0.0.0' || host === '::' || host === '' ? 'localhost' : host;
  return `http://${browsable.includes(':') ? `[${browsable}]` : browsable}:${port}/`;
}

/** Whether browsers run service workers for pages from `host` over plain http (secure contexts). */
export function isPotentiallyTrustworthy(host: string): boolean {
  return (
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    /^127\.\d+\.\d+\.\d+$/.test(host) ||
    host === '::1' ||
    host === '0.0.0.0' ||
    host === '::'
  );
}

function routeLine(trigger: HttpTrigger, base: string): string {
  const label = trigger.handler.kind === 'component' ? trigger.handler.componentId : trigger.id;
  if (trigger.route.kind === 'private') return `  ${label}: (private endpoint)`;
  const pattern = trigger.route.pattern;
  const wildcard = /\/(\.\.\.|\*)$/.exec(pattern);
  const path = wildcard ? pattern.slice(0, wildcard.index) : pattern;
  return `  ${label}: ${base}${path.replace(/^\//, '')}${wildcard ? ' (wildcard)' : ''}`;
}

/** The lines printed when the server is ready. */
export function startBanner(name: string, baseUrl: string, manifest: AppManifest): string[] {
  return [
    `Serving ${name} at ${baseUrl} — open it in a browser`,
    'Available Routes:',
    ...manifest.triggers.map((trigger) => routeLine(trigger, baseUrl)),
    '',
    'The app runs in your browser: the first visit installs the Swerve host (a service worker) and',
    'deploys the app; later visits are answered by the service worker, not this server.',
    `After a rebuild, open ${new URL(REDEPLOY_PATH, baseUrl).href} (or reload with Shift) to redeploy.`,
  ];
}
