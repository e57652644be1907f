/**
 * The kit's answer object, shaped like Playwright's `APIResponse` so that a test reads an app's
 * answer the way it reads one from `request.fetch()`.
 */
import type { AppHeader, AppResponse } from './types.ts';

export interface ReadResponse {
  url: string;
  status: number;
  statusText: string;
  /** One entry per header value, as the driver read them. */
  headers: AppHeader[];
  body: Uint8Array;
  /** The host's reason, when it failed the request. */
  error?: string;
}

/** Values of one name joined as Playwright joins them: cookies one per line, the rest by commas. */
function joinedHeaders(headers: AppHeader[]): Record<string, string> {
  const joined: Record<string, string> = {};
  for (const { name, value } of headers) {
    const key = name.toLowerCase();
    const separator = key === 'set-cookie' ? '\n' : ', ';
    joined[key] = key in joined ? `${joined[key]}${separator}${value}` : value;
  }
  return joined;
}

export function appResponse<T = unknown>(read: ReadResponse): AppResponse<T> {
  let body: Buffer | undefined = Buffer.from(read.body);
  const bodyOrFail = (): Buffer => {
    if (body === undefined) {
      throw new Error(
        `[swerve] The response of ${read.url} has been disposed: read its body before dispose().`,
      );
    }
    return body;
  };
  return {
    url: () => read.url,
    status: () => read.status,
    statusText: () => read.statusText,
    ok: () => read.status >= 200 && read.status <= 299,
    headers: () => joinedHeaders(read.headers),
    headersArray: () => read.headers.map(({ name, value }) => ({ name, value })),
    body: async () => bodyOrFail(),
    text: async () => bodyOrFail().toString('utf8'),
    async json<R = T>() {
      const text = bodyOrFail().toString('utf8');
      try {
        return JSON.parse(text) as R;
      } catch (error) {
        throw new Error(
          `[swerve] The body of ${read.url} (status ${read.status}) is not JSON: ${(error as Error).message}\n` +
            `It begins: ${JSON.stringify(text.slice(0, 200))}`,
          { cause: error },
        );
      }
    },
    dispose: async () => {
      body = undefined;
    },
    error: () => read.error,
  };
}
