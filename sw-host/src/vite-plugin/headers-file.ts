/**
 * The plan's headers as a `_headers` file, in the form Cloudflare's static hosting reads: a rule is
 * a URL pattern (a path, or `https://<host>/path` for one host, `:app` standing for one label)
 * and its indented headers. Every rule that matches a request adds its headers, in file order,
 * and a `! Name` line drops what an earlier rule set, so a rule that replaces a broader one's
 * headers first drops them. Hosts ignore the port and scheme of a rule's URL when matching.
 *
 * What this form cannot say (the nginx and Caddy forms do): it has no regular expressions, so
 * every app's host page may be framed by any page, as a link's must be (the host page still acts
 * only for its parent at an allowed origin); and it has no rewrites or conditions, so an app URL
 * opened before the host is installed gets the site's page for that path (or its 404 page) instead
 * of the bootstrap page, `/embed` is not refused to same-site frames by the server (the page
 * refuses: client/same-site-framer.ts), and old `/apps/<key>/…` URLs are not redirected.
 */
import type { HeaderRule, StaticHostPlan } from './static-host-rules.ts';

/** The file's name, at the root of the built site. */
export const HEADERS_FILE = '_headers';

function hostPrefix(plan: StaticHostPlan, rule: HeaderRule): string {
  if (rule.hosts === 'all') return '';
  const host = rule.hosts === 'site' ? plan.site.hostname : `:app${plan.appHostSuffix}`;
  return `https://${host}`;
}

export function headersFile(plan: StaticHostPlan): string {
  const lines = [
    `# Headers for the Swerve site at ${plan.site.origin} and its apps at ` +
      `${plan.site.protocol}//<key>${plan.appHostSuffix}${plan.site.port ? `:${plan.site.port}` : ''}.`,
    '# Written by the build (swerve/vite: static-host-rules.ts); rebuild to change it.',
    '# A later rule drops (!) what an earlier one set before it sets its own.',
  ];
  // A `links` rule stands for every app here: this form cannot tell a link's key from another.
  const coveredByLinks = new Set(
    plan.rules.filter((rule) => rule.hosts === 'links').flatMap((rule) => rule.paths),
  );
  const earlier = new Set<string>();
  for (const rule of plan.rules) {
    if (rule.hosts === 'apps' && rule.paths.every((path) => coveredByLinks.has(path))) continue;
    const why =
      rule.hosts === 'links'
        ? `${rule.why} (Here for every app: a _headers file cannot tell a link's key from another.)`
        : rule.why;
    lines.push('', `# ${why}`);
    // One URL per block: the form has no lists.
    for (const path of rule.paths) {
      lines.push(`${hostPrefix(plan, rule)}${path}`);
      for (const name of earlier) lines.push(`  ! ${name}`);
      for (const [name, value] of Object.entries(rule.headers)) lines.push(`  ${name}: ${value}`);
    }
    for (const name of Object.keys(rule.headers)) earlier.add(name);
  }
  return `${lines.join('\n')}\n`;
}
