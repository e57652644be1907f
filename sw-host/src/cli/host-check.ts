/**
 * Which `Host` header values the `swerve up` server answers.
 *
 * The attack it stops is DNS rebinding: a page at `evil.example` whose name the attacker then
 * points at 127.0.0.1 is, to the browser, same-origin with the server, so it could read
 * `/_swerve/app-files.json` (the app's variables and `--env` values), the app folder, and use
 * the relay. Its requests still carry `Host: evil.example`, so the server answers only the
 * names it serves:
 * - `localhost` and every `*.localhost` (browsers resolve them to this machine themselves);
 * - any IP address: a page can only have an IP address as its host if the browser connected to
 *   that address, so it is this server (or a proxy in front of it), never a rebound name. With
 *   `--host 0.0.0.0` other machines reach the server this way, at this machine's addresses;
 * - the name `--host` gives, and every `--allowed-host` (`.example.com` allows it and its
 *   subdomains), for a name of this machine, a proxy or a tunnel.
 */

/** A name the user allowed: exact, or a domain and its subdomains when it starts with a dot. */
export type AllowedHost = string;

/** How many refused names are reported in the terminal, so a flood of them stays quiet. */
export const REPORTED_REFUSED_HOSTS_LIMIT = 16;

/**
 * The host name of a `Host` header value (`name:port`, `[v6]:port`): lowercase, without the
 * port, the brackets or a final dot. Undefined for a value that is no host.
 */
export function hostNameOf(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const value = header.trim().toLowerCase();
  const bracketed = /^\[([0-9a-f:.]+)\](?::\d+)?$/.exec(value);
  if (bracketed) return bracketed[1];
  const named = /^([a-z0-9._-]+?)\.?(?::\d+)?$/.exec(value);
  return named?.[1];
}

function isIpAddress(name: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(name) || (name.includes(':') && /^[0-9a-f:.]+$/.test(name));
}

/** Names that always lead to this server: loopback names, and an address the browser connected to. */
function servedByDefault(name: string): boolean {
  return name === 'localhost' || name.endsWith('.localhost') || isIpAddress(name);
}

/** `0.0.0.0`, `::` and the empty host listen on every address: they name no host. */
export function isWildcardAddress(host: string): boolean {
  return host === '0.0.0.0' || host === '::' || host === '' || host === '[::]';
}

/** Checks that an `--allowed-host` value is a host name (or `.domain`); its message says what to give. */
export function checkAllowedHost(value: string): string | undefined {
  const name = value.startsWith('.') ? value.slice(1) : value;
  if (/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/i.test(name)) return undefined;
  return `--allowed-host must be a host name, as in --allowed-host mybox.local (or .example.com for a domain and its subdomains), not "${value}".`;
}

export class HostCheck {
  readonly #exact = new Set<string>();
  readonly #domains: string[] = [];

  /** `listenHost` is `--host`; `allowed` are the `--allowed-host` values. */
  constructor(listenHost: string, allowed: readonly AllowedHost[] = []) {
    const listened = hostNameOf(listenHost.includes(':') ? `[${listenHost}]` : listenHost);
    if (listened && !isWildcardAddress(listenHost) && !servedByDefault(listened)) this.#exact.add(listened);
    for (const value of allowed) {
      const name = value.toLowerCase().replace(/\.$/, '');
      if (name.startsWith('.')) this.#domains.push(name.slice(1));
      else this.#exact.add(name);
    }
  }

  /** Whether a request whose `Host` header is `header` is for this server. */
  allows(header: string | undefined): boolean {
    const name = hostNameOf(header);
    if (name === undefined) return false;
    if (servedByDefault(name) || this.#exact.has(name)) return true;
    return this.#domains.some((domain) => name === domain || name.endsWith(`.${domain}`));
  }

  /** What the refusal says: the names served, and how to allow the one asked for. */
  refusal(header: string | undefined): string {
    const name = hostNameOf(header);
    const named = [...this.#exact, ...this.#domains.map((domain) => `.${domain}`)];
    const served = ['localhost', '*.localhost', 'IP addresses', ...named].join(', ');
    if (name === undefined) {
      return `swerve up answers only requests for the names it serves (${served}); this one named no host.\n`;
    }
    return (
      `swerve up does not serve the name ${name}: it answers only ${served}, so that a web page ` +
      `whose name is pointed at this machine (DNS rebinding) cannot read the app.\n` +
      `If ${name} is yours (a name of this machine, a proxy or a tunnel), start swerve up with ` +
      `--allowed-host ${name}\n`
    );
  }
}
