/**
 * Writes what a server needs to host the built site (static-host-rules.ts): the headers and rules
 * in the forms common servers read. The
 * `_headers` file goes into the site (hosts read it from there and do not serve it); the nginx and
 * Caddy configurations go beside it, in `<outDir>-hosting/`, since they are not part of the site.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { OriginsConfig } from '../origins/app-origins.ts';
import { CADDY_FILE, caddyConfig } from './caddy-config.ts';
import { HEADERS_FILE, headersFile } from './headers-file.ts';
import { NGINX_FILE, nginxConfig } from './nginx-config.ts';
import { staticHostPlan } from './static-host-rules.ts';

/** Where the server configurations go, for a site built into `outDir`. */
export function hostingDir(outDir: string): string {
  return `${outDir.replace(/\/+$/, '')}-hosting`;
}

export async function writeStaticHostFiles(outDir: string, origins: OriginsConfig): Promise<void> {
  const plan = staticHostPlan(origins);
  await writeFile(join(outDir, HEADERS_FILE), headersFile(plan));
  const hosting = hostingDir(outDir);
  await mkdir(hosting, { recursive: true });
  await writeFile(join(hosting, NGINX_FILE), nginxConfig(plan, outDir));
  await writeFile(join(hosting, CADDY_FILE), caddyConfig(plan, outDir));
}
