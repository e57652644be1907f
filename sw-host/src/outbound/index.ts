/**
 * `allowed_outbound_hosts`: parsing entries, and deciding whether a component may make a request.
 */
export {
  parseAllowedHost,
  allowedHostAllows,
  allowedHostAllowsSelf,
  destinationEntry,
  wellKnownPort,
  type AllowedHost,
  type Destination,
  type HostPattern,
  type ParsedAllowedHost,
  type PortPattern,
  type SchemePattern,
} from './allowed-host.ts';
export {
  allowedHostProblems,
  parseAllowedOutboundHosts,
  checkOutboundUrl,
  type AllowedOutboundHosts,
  type OutboundDecision,
  type OutboundTarget,
} from './allowed-hosts.ts';
export { parseDestination } from './outbound-url.ts';
export { parseHost, formatHost, type Host, type ParsedHost } from './host.ts';
export { serviceChainingTarget, SERVICE_CHAINING_SUFFIX } from './service-chaining.ts';
