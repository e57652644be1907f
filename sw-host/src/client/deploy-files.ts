/**
 * Turns the files a page wants to deploy (bytes, Blobs, or URLs to fetch) into bytes, so the
 * host receives everything in one message.
 */
import { SwerveError } from '../errors.ts';

/** A file to deploy: its bytes, a Blob (an uploaded File), or a URL to fetch it from. */
export type DeployFile = Uint8Array | ArrayBuffer | Blob | URL | string;

async function fetchBytes(url: string): Promise<Uint8Array> {
  const response = await fetch(url).catch((error: unknown) => {
    throw new SwerveError('component-unavailable', `Could not fetch ${url} to deploy it: ${String(error)}`);
  });
  if (!response.ok) {
    throw new SwerveError(
      'component-unavailable',
      `Could not fetch ${url} to deploy it: it answered ${response.status}.`,
    );
  }
  return new Uint8Array(await response.arrayBuffer());
}

/**
 * Bytes of this deploy's own, which the deploy message transfers (no copy at each hop). Bytes the
 * caller passed are copied once, so that the caller keeps them.
 */
export async function fileBytes(file: DeployFile): Promise<Uint8Array> {
  if (file instanceof Uint8Array) return file.slice();
  if (file instanceof ArrayBuffer) return new Uint8Array(file.slice(0));
  if (file instanceof Blob) return new Uint8Array(await file.arrayBuffer());
  return fetchBytes(String(file));
}

export async function resolveFiles(files: Record<string, DeployFile>): Promise<Record<string, Uint8Array>> {
  const entries = await Promise.all(
    Object.entries(files).map(async ([path, file]) => [path, await fileBytes(file)] as const),
  );
  return Object.fromEntries(entries);
}

export async function manifestText(manifest: string | URL): Promise<string> {
  return manifest instanceof URL ? new TextDecoder().decode(await fetchBytes(manifest.href)) : manifest;
}
