/**
 * A network line for the bench: an HTTP proxy on loopback that forwards every request to the
 * test server and gives the answers the line's bandwidth (one budget shared by all responses, as
 * on a real line) and its round trips (one per new connection, one per request). Chromium is
 * launched pointing at it with `<-loopback>` removed from the bypass list, so `*.localhost`
 * (pages and service workers alike) goes through it. HTTP only: the test site is plain HTTP.
 */
import { createServer, request as forward, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Line {
  name: string;
  /** Bits per second, downstream. */
  bitsPerSecond: number;
  roundTripMs: number;
}

/** The line issue 25 sets its first-visit target on. */
export const REALISTIC_LINE: Line = {
  name: '20 Mbit/s, 40 ms round trips',
  bitsPerSecond: 20e6,
  roundTripMs: 40,
};

/** Bytes sent in one go before the budget is checked again. */
const SLICE_BYTES = 16 * 1024;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One response through the line: when it was asked for and when its last byte went (epoch ms). */
export interface LineEntry {
  url: string;
  askedAt: number;
  doneAt: number;
  /** Body bytes as sent (encoded). */
  bytes: number;
  encoding: string;
}

export interface LineProxy {
  /** For Chromium's `--proxy-server`. */
  address: string;
  /** Bytes sent through the line so far (response bodies, as encoded on the wire). */
  bytes(): number;
  /** Every response through the line so far, in the order they finished: the waterfall. */
  entries(): readonly LineEntry[];
  close(): Promise<void>;
}

/** Starts a proxy acting as `line` in front of the server at 127.0.0.1:`port`. */
export async function startLineProxy(line: Line, port: number): Promise<LineProxy> {
  const bytesPerMs = line.bitsPerSecond / 8 / 1000;
  // The time at which the line is next free: responses queue behind each other.
  let lineFreeAt = 0;
  let sent = 0;
  const entries: LineEntry[] = [];
  const server: Server = createServer((incoming, outgoing) => {
    const at = Date.now();
    const url = new URL(incoming.url ?? '/', 'http://placeholder');
    const upstream = forward(
      {
        host: '127.0.0.1',
        port,
        method: incoming.method,
        path: url.pathname + url.search,
        headers: incoming.headers,
      },
      (answer) => {
        void (async () => {
          await sleep(line.roundTripMs);
          outgoing.writeHead(answer.statusCode ?? 502, answer.rawHeaders);
          let bytes = 0;
          for await (const chunk of answer as AsyncIterable<Buffer>) {
            for (let at = 0; at < chunk.length; at += SLICE_BYTES) {
              const slice = chunk.subarray(at, at + SLICE_BYTES);
              const now = Date.now();
              lineFreeAt = Math.max(lineFreeAt, now) + slice.length / bytesPerMs;
              if (lineFreeAt - now > 1) await sleep(lineFreeAt - now);
              sent += slice.length;
              bytes += slice.length;
              if (!outgoing.write(slice)) await new Promise((resolve) => outgoing.once('drain', resolve));
            }
          }
          outgoing.end();
          entries.push({
            url: incoming.url ?? '',
            askedAt: at,
            doneAt: Date.now(),
            bytes,
            encoding: answer.headers['content-encoding'] ?? '',
          });
        })().catch(() => outgoing.destroy());
      },
    );
    upstream.on('error', () => outgoing.destroy());
    incoming.pipe(upstream);
  });
  // A new connection costs its handshake's round trip before its first request is read.
  server.on('connection', (socket) => {
    socket.pause();
    setTimeout(() => socket.resume(), line.roundTripMs);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port: proxyPort } = server.address() as AddressInfo;
  return {
    address: `http://127.0.0.1:${proxyPort}`,
    bytes: () => sent,
    entries: () => entries,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
