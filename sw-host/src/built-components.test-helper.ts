/**
 * Reads components built by the pipeline (`npm run build:components`), for unit tests that
 * check the host against real components rather than imitations.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const componentsDir = fileURLToPath(new URL('../../components/', import.meta.url));

export function builtFile(relativePath: string): Uint8Array {
  try {
    return new Uint8Array(readFileSync(componentsDir + relativePath));
  } catch {
    throw new Error(`components/${relativePath} is not built: run \`npm run build:components\` first.`);
  }
}
