/**
 * `swerve up`'s outbound relay (protocol/relay.ts): makes a component's request from Node, so
 * that it reaches hosts that do not allow the page's origin (CORS), redirects come back to the
 * component as they do under `spin up`, and a failure is known exactly (DNS, refused, timeout).
 *
 * It is not an open proxy. It answers only:
 * - connections from this machine (cli/local-peer.ts): with `--host 0.0.0.0` other machines can
 *   connect, and a client that is not a browser can forge any header; to them the relay does
 *   not exist, so a browser elsewhere sends its requests itself (CORS applies, as `--no-relay`);
 * - requests a browser marks as the served origin's own, `Sec-Fetch-Site: same-origin` with an
 *   `Origin` of the request's own host (cli/same-origin-request.ts): a page of another origin
 *   cannot send the relay's custom headers without a preflight, which it never allows, and a
 *   client without these marks is not the app's worker;
 * - under a name the server serves, which the server checks first (cli/host-check.ts): a
 *   DNS-rebinding page would otherwise be same-origin;
 * and it checks the component's `allowed_outbound_hosts` itself.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { checkOutboundUrl, parseAllowedOutboundHosts, type AllowedOutboundHosts } from '../outbound/index.ts';
import { decodeHeaderList, encodeHeaderList, RELAY_HEADER, RELAY_READY } from '../protocol/relay.ts';
import { resolveApplicationVariables } from '../variables/index.ts';
import type { AppFolder } from './app-folder.ts';
import { isThisMachine } from './local-peer.ts';
import { sameOriginRefusal } from './same-origin-request.ts';

/**
 * Headers about the connection, never passed on (RFC 9110 section 7.6.1), and `host`, which
 * fetch sets. A component's `content-length` is not among them: the relay sends the length of
 * the body it was given (requestLength).
 */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'upgrade',
  'te',
  'trailer',
  'host',
  'content-length',
]);

/**
 * The length of the body the worker sent the relay (it sends the component's finished body as
 * one blob, so the browser states it), passed upstream as `content-length` as Spin sends the
 * component's: a server that reads exactly `content-length` bytes gets nothing from a chunked
 * body. Absent (a chunked request to the relay), the body goes on chunked.
 */
function requestLength(request: IncomingMessage): string | undefined {
  const length = header(request, 'content-length');
  return length !== undefined && /^[0-9]+$/.test(length) ? length : undefined;
}

/** Node's `fetch` failure codes, as `wasi:http` error codes. */
const ERROR_CODES: Readonly<Record<string, string>> = {
  ENOTFOUND: 'DNS-error',
  EAI_AGAIN: 'DNS-error',
  ECONNREFUSED: 'connection-refused',
  ECONNRESET: 'connection-terminated',
  EPIPE: 'connection-terminated',
  ETIMEDOUT: 'connection-timeout',
  UND_ERR_CONNECT_TIMEOUT: 'connection-timeout',
  EHOSTUNREACH: 'destination-unavailable',
  ENETUNREACH: 'destination-unavailable',
  CERT_HAS_EXPIRED: 'TLS-certificate-error',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'TLS-certificate-error',
  SELF_SIGNED_CERT_IN_CHAIN: 'TLS-certificate-error',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'TLS-certificate-error',
  ERR_TLS_CERT_ALTNAME_INVALID: 'TLS-certificate-error',
};

function header(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function refuse(response: ServerResponse, status: number, message: string, errorCode?: string): void {
  response.statusCode = status;
  response.setHeader('content-type', 'text/plain; charset=utf-8');
  if (errorCode) response.setHeader(RELAY_HEADER.error, errorCode);
  response.end(message);
}

/** The code of a failed `fetch` (undici puts it on the cause, sometimes one level deeper). */
function failureCode(error: unknown): string | undefined {
  for (let current = error, depth = 0; current && depth < 4; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && ERROR_CODES[code]) return ERROR_CODES[code];
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** The component's allowed hosts, with the variables `swerve up` deploys with. */
function allowedHostsOf(folder: AppFolder, componentId: string): AllowedOutboundHosts | undefined {
  const { manifest, name } = folder.app;
  const component = manifest.components[componentId];
  if (!component) return undefined;
  const values = resolveApplicationVariables(manifest.variables, folder.listing.variables, name);
  return parseAllowedOutboundHosts(
    componentId,
    component.allowedOutboundHosts,
    values,
    Object.keys(manifest.components),
  );
}

/** Answers one request to the relay path. `fromThisMachine` decides which peers it serves. */
export async function relay(
  request: IncomingMessage,
  response: ServerResponse,
  folder: AppFolder,
  fromThisMachine: (address: string | undefined) => boolean = isThisMachine,
): Promise<void> {
  if (!fromThisMachine(request.socket.remoteAddress)) {
    return refuse(
      response,
      404,
      'The relay serves only browsers on the machine swerve up runs on: from here, components send their requests from the browser.\n',
    );
  }
  if (request.method === 'GET' || request.method === 'HEAD') {
    response.setHeader('content-type', 'text/plain; charset=utf-8');
    response.end(request.method === 'HEAD' ? undefined : RELAY_READY);
    return;
  }
  const target = header(request, RELAY_HEADER.url);
  const componentId = header(request, RELAY_HEADER.component) ?? '';
  const method = header(request, RELAY_HEADER.method) ?? 'GET';
  const refusal =
    request.method !== 'POST'
      ? `a ${request.method} request`
      : target === undefined
        ? `a request without ${RELAY_HEADER.url}`
        : sameOriginRefusal(request.headers);
  if (refusal !== undefined || target === undefined) {
    return refuse(
      response,
      403,
      `The relay serves only the app running in this server’s own pages: this was ${refusal}.\n`,
    );
  }
  const allowed = allowedHostsOf(folder, componentId);
  const decision = allowed ? checkOutboundUrl(allowed, target) : undefined;
  if (!decision?.allowed || decision.target.kind !== 'network') {
    return refuse(response, 502, `${componentId} may not connect to ${target}.\n`, 'HTTP-request-denied');
  }

  const headers = new Headers();
  for (const [name, value] of decodeHeaderList(header(request, RELAY_HEADER.headers))) {
    if (!HOP_BY_HOP.has(name.toLowerCase())) headers.append(name, value);
  }
  const hasBody = method !== 'GET' && method !== 'HEAD';
  const length = hasBody ? requestLength(request) : undefined;
  // Node's fetch sends a stream body with the length it is told (and fails one that differs).
  if (length !== undefined) headers.set('content-length', length);
  const abort = new AbortController();
  response.on('close', () => abort.abort());
  let upstream: Response;
  try {
    upstream = await fetch(target, {
      method,
      headers,
      body: hasBody ? (Readable.toWeb(request) as ReadableStream<Uint8Array>) : undefined,
      // As wasi:http: a redirect is the component's to follow.
      redirect: 'manual',
      signal: abort.signal,
      ...(hasBody ? { duplex: 'half' } : {}),
    } as RequestInit);
  } catch (error) {
    const code = failureCode(error) ?? 'destination-unavailable';
    return refuse(
      response,
      502,
      `Could not reach ${target}: ${String((error as Error).cause ?? error)}\n`,
      code,
    );
  }
  const upstreamHeaders: [string, string][] = [];
  upstream.headers.forEach((value, name) => {
    // Node's fetch decodes gzip and friends, as a browser's does: the body is no longer encoded.
    if (name !== 'set-cookie' && name !== 'content-encoding' && name !== 'content-length')
      upstreamHeaders.push([name, value]);
  });
  for (const cookie of upstream.headers.getSetCookie()) upstreamHeaders.push(['set-cookie', cookie]);
  response.statusCode = 200;
  response.setHeader(RELAY_HEADER.status, String(upstream.status));
  response.setHeader(RELAY_HEADER.headers, encodeHeaderList(upstreamHeaders));
  response.setHeader('cache-control', 'no-store');
  if (!upstream.body) return void response.end();
  Readable.fromWeb(upstream.body as import('node:stream/web').ReadableStream<Uint8Array>)
    .on('error', () => response.destroy())
    .pipe(response);
}
