/**
 * A component's whole `allowed_outbound_hosts` list: templates expanded, service-chaining
 * wildcards expanded, and the check made on each outgoing request.
 *
 * Follows Spin's `AllowedHostsConfig` and the outbound HTTP factor: an entry that expands to
 * nothing (an empty variable, or just `http://` / `https://`) is skipped, so that a variable can
 * switch an optional endpoint off; `http://*.spin.internal` becomes one entry per component; a
 * request with no authority, or to `self.alt`, is a request to the app itself.
 */
import { SwerveError } from '../errors.ts';
import { expandTemplate, isLiteralTemplate, parseTemplate } from '../variables/template.ts';
import {
  allowedHostAllows,
  allowedHostAllowsSelf,
  destinationEntry,
  parseAllowedHost,
  type AllowedHost,
} from './allowed-host.ts';
import { parseDestination } from './outbound-url.ts';
import { serviceChainingTarget, SERVICE_CHAINING_SUFFIX } from './service-chaining.ts';

/** The parsed list for one component. */
export interface AllowedOutboundHosts {
  readonly componentId: string;
  readonly entries: readonly AllowedHost[];
}

/** What to do with an outgoing request. */
export type OutboundDecision =
  | { readonly allowed: true; readonly target: OutboundTarget }
  | {
      readonly allowed: false;
      /** The entry that would allow the request (`https://api.example.com:8443`); none for a bad URL. */
      readonly entryToAdd: string | undefined;
      /** A sentence for the app's log: what was refused and what to add where. */
      readonly message: string;
    };

/** Where an allowed request goes. */
export type OutboundTarget =
  | { readonly kind: 'self' }
  | { readonly kind: 'component'; readonly componentId: string }
  | { readonly kind: 'network' };

/**
 * Checks entries as written in the manifest, before any override is known. Templated entries
 * are checked only when their variables all have defaults, as Spin does; the others wait for
 * deploy. Returns one reason per bad entry.
 */
export function allowedHostProblems(
  entries: readonly string[],
  defaults: ReadonlyMap<string, string>,
): string[] {
  const problems: string[] = [];
  for (const entry of entries) {
    // Spin 1's spelling; Spin explains it only when it is the whole list, Swerve wherever it is.
    if (entry === 'insecure:allow-all') {
      problems.push(
        `"insecure:allow-all" is no longer accepted: write "*://*:*" if you really want to allow all outbound traffic.`,
      );
      continue;
    }
    const expanded = expandEntry(entry, defaults);
    if (expanded.kind === 'problem') problems.push(expanded.reason);
    if (expanded.kind === 'text' && expanded.text !== undefined) {
      const parsed = parseAllowedHost(expanded.text);
      if (!parsed.ok) problems.push(describeExpansion(entry, expanded.text) + parsed.reason);
    }
  }
  return problems;
}

/**
 * Parses a component's list at deploy, with the application variables' final values.
 *
 * @param componentIds every component of the app, for `*.spin.internal`.
 * @throws SwerveError (`manifest-invalid`) naming the component and every bad entry.
 */
export function parseAllowedOutboundHosts(
  componentId: string,
  entries: readonly string[],
  variables: ReadonlyMap<string, string>,
  componentIds: readonly string[],
): AllowedOutboundHosts {
  const problems = allowedHostProblems(entries, variables);
  const parsed: AllowedHost[] = [];
  for (const entry of entries) {
    const expanded = expandEntry(entry, variables);
    if (expanded.kind === 'text' && expanded.text === undefined) {
      problems.push(`${JSON.stringify(entry)} uses a variable that [variables] does not declare.`);
    }
    if (expanded.kind !== 'text' || expanded.text === undefined) continue;
    const host = parseAllowedHost(expanded.text);
    if (host.ok) parsed.push(...expandServiceChaining(host.value, componentIds));
  }
  if (problems.length > 0) {
    const list = problems.map((p) => `\n- ${p}`).join('');
    throw new SwerveError(
      'manifest-invalid',
      `Component ${JSON.stringify(componentId)} has allowed_outbound_hosts that cannot be used:${list}`,
    );
  }
  return { componentId, entries: parsed };
}

/**
 * Decides an outgoing HTTP request, from its URL (absolute, or relative for the app itself).
 */
export function checkOutboundUrl(allowed: AllowedOutboundHosts, url: string): OutboundDecision {
  if (url.startsWith('/') && !url.startsWith('//')) return checkSelf(allowed);
  const destination = parseDestination(url);
  if (destination === undefined) {
    // Spin refuses these without suggesting an entry: no entry could allow them.
    return {
      allowed: false,
      entryToAdd: undefined,
      message: `Component ${JSON.stringify(allowed.componentId)}'s request to ${JSON.stringify(url)} was denied: the URL has no valid host.`,
    };
  }
  if (destination.host.kind === 'domain' && destination.host.name === 'self.alt') return checkSelf(allowed);
  if (!allowed.entries.some((entry) => allowedHostAllows(entry, destination))) {
    const entry = destinationEntry(destination);
    return deny(allowed, entry, `it may not connect to ${entry}`);
  }
  const chained =
    destination.host.kind === 'domain' ? serviceChainingTarget(destination.host.name) : undefined;
  return {
    allowed: true,
    target: chained === undefined ? { kind: 'network' } : { kind: 'component', componentId: chained },
  };
}

function checkSelf(allowed: AllowedOutboundHosts): OutboundDecision {
  if (allowed.entries.some((entry) => allowedHostAllowsSelf(entry, ['http', 'https']))) {
    return { allowed: true, target: { kind: 'self' } };
  }
  return deny(allowed, 'http://self', 'it made an HTTP request to its own app without permission');
}

function deny(allowed: AllowedOutboundHosts, entryToAdd: string, why: string): OutboundDecision {
  const id = allowed.componentId;
  return {
    allowed: false,
    entryToAdd,
    message: `Component ${JSON.stringify(id)}'s request was denied: ${why}. To allow it, add "${entryToAdd}" to allowed_outbound_hosts in [component.${id}].`,
  };
}

type Expansion =
  | { readonly kind: 'text'; readonly text: string | undefined }
  | { readonly kind: 'skip' }
  | { readonly kind: 'problem'; readonly reason: string };

/** Expands an entry's templates; `text: undefined` when a variable has no value yet. */
function expandEntry(entry: string, values: ReadonlyMap<string, string>): Expansion {
  const template = parseTemplate(entry);
  if (!template.ok) return { kind: 'problem', reason: `${JSON.stringify(entry)}: ${template.reason}.` };
  if (isLiteralTemplate(template.parts)) return { kind: 'text', text: entry };
  const text = expandTemplate(template.parts, (name) => values.get(name));
  // Spin skips an entry that a variable empties, so an optional endpoint can be switched off.
  if (text === '' || text === 'http://' || text === 'https://') return { kind: 'skip' };
  return { kind: 'text', text };
}

function describeExpansion(entry: string, expanded: string): string {
  return entry === expanded ? '' : `${JSON.stringify(entry)} expands to ${JSON.stringify(expanded)}, and `;
}

function expandServiceChaining(entry: AllowedHost, componentIds: readonly string[]): AllowedHost[] {
  if (entry.host.kind !== 'subdomain' || entry.host.suffix !== SERVICE_CHAINING_SUFFIX) return [entry];
  return componentIds.map((id) => ({
    ...entry,
    host: { kind: 'literal', host: { kind: 'domain', name: `${id}${SERVICE_CHAINING_SUFFIX}` } },
  }));
}
