/**
 * `swerve watch`'s feed of versions of the app folder: the version browsers should be running,
 * and a server-sent event stream (`/_swerve/up/changes`) that announces each new one to the
 * app's open pages (cli/page/up-live.ts).
 */
import type { ServerResponse } from 'node:http';

/** A comment line now and then keeps proxies and the browser from closing an idle stream. */
const KEEP_ALIVE_MS = 15_000;

export class VersionFeed {
  #version: string;
  readonly #listeners = new Set<ServerResponse>();
  readonly #keepAlive: ReturnType<typeof setInterval>;

  constructor(version: string) {
    this.#version = version;
    this.#keepAlive = setInterval(() => {
      for (const response of this.#listeners) response.write(': keep-alive\n\n');
    }, KEEP_ALIVE_MS);
    this.#keepAlive.unref();
  }

  get version(): string {
    return this.#version;
  }

  /** Announces `version` to every listener, if it is new. */
  publish(version: string): void {
    if (version === this.#version) return;
    this.#version = version;
    for (const response of this.#listeners) this.#send(response);
  }

  /** Answers `response` with the event stream: the current version at once, then each new one. */
  listen(response: ServerResponse): void {
    response.statusCode = 200;
    response.setHeader('content-type', 'text/event-stream; charset=utf-8');
    response.setHeader('cache-control', 'no-store');
    response.flushHeaders();
    this.#listeners.add(response);
    response.once('close', () => this.#listeners.delete(response));
    this.#send(response);
  }

  close(): void {
    clearInterval(this.#keepAlive);
    for (const response of this.#listeners) response.end();
    this.#listeners.clear();
  }

  #send(response: ServerResponse): void {
    response.write(`data: ${JSON.stringify({ version: this.#version })}\n\n`);
  }
}
