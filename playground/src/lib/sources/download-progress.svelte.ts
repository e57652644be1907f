/**
 * How far a large download has come, for a progress bar: the runner component (14 MB) is
 * fetched the first time a JavaScript template is opened, and on a slow line that is the wait.
 */
export class DownloadProgress {
  active = $state(false);
  loaded = $state(0);
  /** From Content-Length; undefined when the server does not say (or sends it compressed). */
  total = $state<number | undefined>();
}

/** The bytes at `url`, reporting to `progress` as they arrive. */
export async function downloadBytes(url: string, progress: DownloadProgress): Promise<Uint8Array> {
  progress.active = true;
  progress.loaded = 0;
  progress.total = undefined;
  try {
    const response = await fetch(url).catch((error: unknown) => {
      throw new Error(`Could not download ${url} (${String(error)}): check the connection and try again.`);
    });
    if (!response.ok) throw new Error(`Could not download ${url}: it answered ${response.status}.`);
    const length = Number(response.headers.get('content-length'));
    // A compressed response's length is of the compressed bytes, not of those the stream gives.
    if (length > 0 && !response.headers.get('content-encoding')) progress.total = length;
    if (!response.body) return new Uint8Array(await response.arrayBuffer());
    const chunks: Uint8Array[] = [];
    const reader = response.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      progress.loaded += value.length;
    }
    const bytes = new Uint8Array(progress.loaded);
    let at = 0;
    for (const chunk of chunks) {
      bytes.set(chunk, at);
      at += chunk.length;
    }
    return bytes;
  } finally {
    progress.active = false;
  }
}
