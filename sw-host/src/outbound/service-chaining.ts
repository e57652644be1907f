/**
 * Service chaining: `http://<component>.spin.internal/...` reaches another component of the same
 * app in process, private endpoints included (https://spinframework.dev/v3/http-outbound#local-service-chaining).
 */

/** The suffix of service-chaining hosts. */
export const SERVICE_CHAINING_SUFFIX = '.spin.internal';

/**
 * The component a service-chaining host names (`api.spin.internal:80` → `api`), or `undefined`
 * when the host is not one. Only the first label names the component, as in Spin: `a.b.spin.internal`
 * is not a chaining host.
 */
export function serviceChainingTarget(hostAndPort: string): string | undefined {
  const colon = hostAndPort.lastIndexOf(':');
  const host = colon === -1 ? hostAndPort : hostAndPort.slice(0, colon);
  const dot = host.indexOf('.');
  if (dot === -1) return undefined;
  return host.slice(dot) === SERVICE_CHAINING_SUFFIX ? host.slice(0, dot) : undefined;
}
