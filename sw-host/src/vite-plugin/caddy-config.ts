/**
 * The plan as a Caddyfile: one site block for the site and one for every app origin (a wildcard
 * name). Each path pattern gets a matcher that excludes the narrower patterns (Caddy would
 * otherwise apply every matching `header` directive), so each response gets one pattern's headers,
 * as nginx's locations do (hostLocations).
 */
import { hostLocations, narrower, type HostLocation, type StaticHostPlan } from './static-host-rules.ts';

/** The file's name, beside the built site. */
export const CADDY_FILE = 'Caddyfile';

function quote(value: string): string {
  return `"${value.replace(/["\\]/g, '\\$&')}"`;
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Named matchers and `header` directives for `locations`, the link variants by the Host. */
function headerDirectives(locations: HostLocation[], linkHost: string, prefix: string): string[] {
  const lines: string[] = [];
  locations.forEach((location, index) => {
    const excluded = locations
      .filter((other) => narrower(other.pattern, location.pattern))
      .map((o) => o.pattern);
    const variants: [string, Readonly<Record<string, string>>, string[]][] = location.linkHeaders
      ? [
          [`${prefix}${index}`, location.headers, [`not header_regexp Host ${linkHost}`]],
          [`${prefix}${index}link`, location.linkHeaders, [`header_regexp Host ${linkHost}`]],
        ]
      : [[`${prefix}${index}`, location.headers, []]];
    for (const [name, headers, conditions] of variants) {
      lines.push(
        `\t@${name} {`,
        `\t\tpath ${location.pattern}`,
        ...(excluded.length ? [`\t\tnot path ${excluded.join(' ')}`] : []),
        ...conditions.map((condition) => `\t\t${condition}`),
        '\t}',
        `\theader @${name} {`,
        ...Object.entries(headers).map(([header, value]) => `\t\t${header} ${quote(value)}`),
        '\t}',
      );
    }
  });
  return lines;
}

/** The Caddyfile for the plan, serving the files under `root`. */
export function caddyConfig(plan: StaticHostPlan, root: string): string {
  const scheme = plan.site.protocol;
  const portSuffix = plan.site.port ? `:${plan.site.port}` : '';
  const siteAddress = `${scheme}//${plan.site.hostname}${portSuffix}`;
  const appsAddress = `${scheme}//*${plan.appHostSuffix}${portSuffix}`;
  // Unquoted: a quoted Caddyfile token would keep the regular expression's backslash doubled.
  const linkHost = `^${plan.linkKeyPattern}\\.`;
  const notFound = (page: string) => [
    `\t\t\trewrite * ${page}`,
    '\t\t\tfile_server {',
    '\t\t\t\tstatus 404',
    '\t\t\t}',
  ];
  const [before, after] = plan.notABrowserText.split('{url}');
  const tls =
    scheme === 'https:'
      ? [
          `\t# One certificate for *${plan.appHostSuffix}: a wildcard needs the DNS challenge, e.g.`,
          '\t# tls { dns <your DNS provider> <its token> } (a Caddy build with that provider).',
        ]
      : [];

  return [
    `# Caddyfile for the Swerve site at ${plan.site.origin}, written by the build`,
    '# (swerve/vite: static-host-rules.ts), with root set to where the built site is. Rebuild to change it.',
    '',
    `${siteAddress} {`,
    `\troot * ${root}`,
    ...headerDirectives(hostLocations(plan, 'site'), linkHost, 'site'),
    '\t# Old app URLs: the app runs at its own origin.',
    `\t@oldAppUrl path_regexp oldApp ^${plan.oldAppsRoot}(${plan.appKeyPattern})(/.*)?$`,
    `\tredir @oldAppUrl ${scheme}//{re.oldApp.1}${plan.appHostSuffix}${portSuffix}{re.oldApp.2}?{query} 302`,
    "\t# The embed page is refused to frames of the site's own domain (Sec-Fetch-Site: same-site).",
    '\t@sameSiteFrame {',
    `\t\tpath ${plan.embedPaths.join(' ')}`,
    '\t\theader Sec-Fetch-Site same-site',
    `\t\theader_regexp Sec-Fetch-Dest ^(${plan.frameDestinations.join('|')})$`,
    '\t}',
    `\trespond @sameSiteFrame ${quote(`${plan.embedRefusal}\n`)} 403`,
    '\t# The headers file of other hosts is not part of the site.',
    '\t@headersFile path /_headers',
    '\terror @headersFile 404',
    '\ttry_files {path} {path}.html',
    '\t# The .br and .gz the build writes beside each .wasm (precompressed-wasm.ts).',
    '\tfile_server {',
    '\t\tprecompressed br gzip',
    '\t}',
    '\thandle_errors {',
    '\t\t@docs path /docs/*',
    '\t\thandle @docs {',
    ...notFound('/docs/404.html'),
    '\t\t}',
    '\t\thandle {',
    ...notFound('/404.html'),
    '\t\t}',
    '\t}',
    ...tls,
    '}',
    '',
    `${appsAddress} {`,
    `\t@app header_regexp Host ^${plan.appKeyPattern}${escapeRegex(plan.appHostSuffix)}(:\\d+)?$`,
    '\thandle @app {',
    `\t\troot * ${root}`,
    ...headerDirectives(hostLocations(plan, 'app'), linkHost, 'app').map((line) => `\t${line}`),
    "\t\t# Every path but Swerve's own files is the app's, answered by its service worker once",
    '\t\t# installed; before that, a navigation gets the page that installs it, others a short text.',
    '\t\t@navigation {',
    `\t\t\tnot path ${plan.swerveFiles.join(' ')}`,
    '\t\t\theader Sec-Fetch-Mode navigate',
    '\t\t}',
    '\t\t@navigationWithoutFetchMetadata {',
    `\t\t\tnot path ${plan.swerveFiles.join(' ')}`,
    '\t\t\tnot header Sec-Fetch-Mode *',
    '\t\t\theader Accept *text/html*',
    '\t\t}',
    '\t\t@notABrowser {',
    `\t\t\tnot path ${plan.swerveFiles.join(' ')}`,
    '\t\t\tnot header Sec-Fetch-Mode navigate',
    '\t\t\tnot {',
    '\t\t\t\tnot header Sec-Fetch-Mode *',
    '\t\t\t\theader Accept *text/html*',
    '\t\t\t}',
    '\t\t}',
    '\t\theader @navigation Content-Type "text/html; charset=utf-8"',
    '\t\theader @navigationWithoutFetchMetadata Content-Type "text/html; charset=utf-8"',
    `\t\trespond @navigation ${quote(plan.bootstrapHtml)} 200`,
    `\t\trespond @navigationWithoutFetchMetadata ${quote(plan.bootstrapHtml)} 200`,
    `\t\trespond @notABrowser ${quote(before ?? '').slice(0, -1)}{scheme}://{hostport}{uri}${quote(after ?? '').slice(1)} 503`,
    '\t\tfile_server {',
    '\t\t\tprecompressed br gzip',
    '\t\t}',
    '\t}',
    '\t# Any other name under the site is no app.',
    '\trespond 404',
    ...tls,
    '}',
    '',
  ].join('\n');
}
