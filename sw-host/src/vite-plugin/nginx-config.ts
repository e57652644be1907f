/**
 * The plan as nginx configuration: `map` blocks and two `server` blocks (the site, and every app
 * origin by a regular expression on the name), for an `http {}` context (`include` it, e.g. from
 * `/etc/nginx/conf.d/`). nginx picks one `location` per request and its `add_header` lines replace
 * any other level's, so each location carries every header of its path (hostLocations).
 */
import { hostLocations, type HostLocation, type StaticHostPlan } from './static-host-rules.ts';

/** The file's name, beside the built site. */
export const NGINX_FILE = 'swerve.nginx.conf';

/** A double-quoted nginx string of fixed text (nginx would read `$` as a variable: none is written). */
function quote(value: string): string {
  if (value.includes('$'))
    throw new Error(`A header or text for nginx contains "$", which nginx reads as a variable: ${value}`);
  return `"${value.replace(/["\\]/g, '\\$&')}"`;
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** An internal location (no request can name it) that answers with the bootstrap page. */
const BOOTSTRAP_LOCATION = '/_swerve-bootstrap-page';

/** `/x/*` → `^~ /x/`, `/*` → `/`, `/x` → `= /x`. */
function locationOf(pattern: string): string {
  if (pattern === '/*') return '/';
  return pattern.endsWith('/*') ? `^~ ${pattern.slice(0, -1)}` : `= ${pattern}`;
}

/** The `map` of a header that differs at links' origins, and the variable it sets. */
function linkVariable(location: HostLocation, name: string, linkKey: string, maps: string[]): string {
  // Short: nginx hashes variable names in buckets of 64 bytes by default.
  const variable = `$swerve_link_${maps.filter((line) => line.startsWith('map $host')).length}`;
  maps.push(
    `# ${name} of ${location.pattern} at a link's origin (its key: h and 52 base-32 digits).`,
    `map $host ${variable} {`,
    `  "~^${linkKey}\\." ${quote(location.linkHeaders![name] ?? '')};`,
    `  default ${quote(location.headers[name] ?? '')};`,
    '}',
  );
  return variable;
}

function locationBlock(location: HostLocation, body: string[], variables: Record<string, string>): string[] {
  return [
    `  location ${locationOf(location.pattern)} {`,
    ...Object.entries({ ...location.headers, ...location.linkHeaders }).map(
      ([name, value]) => `    add_header ${name} ${variables[name] ?? quote(value)} always;`,
    ),
    ...body,
    '  }',
  ];
}

/** The nginx configuration for the plan, serving the files under `root`. */
export function nginxConfig(plan: StaticHostPlan, root: string): string {
  const https = plan.site.protocol === 'https:';
  const port = plan.site.port || (https ? '443' : '80');
  const portSuffix = plan.site.port ? `:${plan.site.port}` : '';
  const listen = https
    ? [
        `  listen ${port} ssl;`,
        `  # One certificate for ${plan.site.hostname} and *${plan.appHostSuffix} (a wildcard certificate).`,
        '  ssl_certificate     /etc/ssl/swerve/fullchain.pem;',
        '  ssl_certificate_key /etc/ssl/swerve/privkey.pem;',
      ]
    : [`  listen ${port};`];
  const maps: string[] = [
    "# The embed page is refused to frames of the site's own domain (Sec-Fetch-Site: same-site).",
    'map "$http_sec_fetch_site:$http_sec_fetch_dest" $swerve_same_site_frame {',
    `  "~^same-site:(${plan.frameDestinations.join('|')})$" 1;`,
    '  default 0;',
    '}',
    '# A browser navigation (Sec-Fetch-Mode; without it, a request that accepts HTML).',
    'map "$http_sec_fetch_mode|$http_accept" $swerve_navigation {',
    '  "~^navigate\\|" 1;',
    '  "~^\\|.*text/html" 1;',
    '  default 0;',
    '}',
  ];
  const serveFile = ['    try_files $uri $uri.html $uri/ =404;'];

  const site: string[] = [
    `# The site: ${plan.site.origin}`,
    'server {',
    ...listen,
    `  server_name ${plan.site.hostname};`,
    `  root ${root};`,
    '  # The .gz the build writes beside each .wasm (precompressed-wasm.ts; .br needs a module).',
    '  gzip_static on;',
    '  error_page 404 /404.html;',
    '  # The headers file of other hosts is not part of the site.',
    '  location = /_headers { return 404; }',
    '  # Old app URLs: the app runs at its own origin.',
    `  location ~ "^${plan.oldAppsRoot}(?<swerve_key>${plan.appKeyPattern})(?<swerve_rest>/.*)?$" {`,
    `    return 302 ${plan.site.protocol}//$swerve_key${plan.appHostSuffix}${portSuffix}$swerve_rest$is_args$args;`,
    '  }',
  ];
  const siteLocations = hostLocations(plan, 'site');
  for (const location of siteLocations) {
    const body = plan.embedPaths.includes(location.pattern)
      ? [
          '    default_type text/plain;',
          '    if ($swerve_same_site_frame) {',
          `      return 403 ${quote(`${plan.embedRefusal}\n`)};`,
          '    }',
          ...serveFile,
        ]
      : serveFile;
    site.push(...locationBlock(location, body, {}));
  }
  // The docs answer unknown paths with their own 404 page.
  const pages = siteLocations.find((location) => location.pattern === '/*')!;
  site.push(
    ...locationBlock(
      { ...pages, pattern: '/docs/*' },
      ['    error_page 404 /docs/404.html;', ...serveFile],
      {},
    ),
    '}',
  );

  const [before, after] = plan.notABrowserText.split('{url}');
  const app: string[] = [
    `# Every app: ${plan.site.protocol}//<key>${plan.appHostSuffix}${portSuffix}`,
    'server {',
    ...listen,
    `  server_name "~^(?<swerve_app>${plan.appKeyPattern})${escapeRegex(plan.appHostSuffix)}$";`,
    `  root ${root};`,
    '  # The .gz the build writes beside each .wasm (precompressed-wasm.ts; .br needs a module).',
    '  gzip_static on;',
  ];
  for (const location of hostLocations(plan, 'app')) {
    const variables: Record<string, string> = {};
    for (const name of Object.keys(location.linkHeaders ?? {})) {
      if (location.linkHeaders![name] !== location.headers[name])
        variables[name] = linkVariable(location, name, plan.linkKeyPattern, maps);
    }
    const body =
      location.pattern === '/*'
        ? [
            "    # Every path but Swerve's own files is the app's, answered by its service worker once",
            '    # installed; before that, a navigation gets the page that installs it, others a short text.',
            '    charset utf-8;',
            '    if ($swerve_navigation) {',
            `      rewrite ^ ${BOOTSTRAP_LOCATION} last;`,
            '    }',
            '    default_type text/plain;',
            `    return 503 ${quote(before ?? '').slice(0, -1)}$scheme://$http_host$request_uri${quote(after ?? '').slice(1)};`,
          ]
        : ['    try_files $uri =404;'];
    app.push(...locationBlock(location, body, variables));
    if (location.pattern === '/*') {
      // The page that installs the host: in this file only, never a file the site's origin serves.
      app.push(
        ...locationBlock(
          { ...location, pattern: BOOTSTRAP_LOCATION },
          [
            '    internal;',
            '    default_type text/html;',
            '    charset utf-8;',
            `    return 200 ${quote(plan.bootstrapHtml)};`,
          ],
          variables,
        ),
      );
    }
  }
  app.push('}');

  return [
    `# nginx configuration for the Swerve site at ${plan.site.origin}, written by the build`,
    '# (swerve/vite: static-host-rules.ts). Include it in the http {} context, with root set to where',
    '# the built site is. Rebuild to change it.',
    '',
    ...maps,
    '',
    ...site,
    '',
    ...app,
    '',
  ].join('\n');
}
