/**
 * The live examples (`examples/<name>/`), read and put into share-link payloads when the docs
 * are built (a VitePress data loader: this runs in Node, its result is bundled into the pages).
 */
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { liveExample, type LiveExample } from '../../src/docs-build/live-example.ts';

const root = fileURLToPath(new URL('.', import.meta.url));

async function textFiles(dir: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    files[relative(dir, path).split('\\').join('/')] = await readFile(path, 'utf8');
  }
  return files;
}

export type { LiveExample };
export declare const data: Record<string, LiveExample>;

export default {
  watch: ['./*/spin.toml', './*/src/**/*'],
  async load(): Promise<Record<string, LiveExample>> {
    const examples: Record<string, LiveExample> = {};
    for (const entry of await readdir(root, { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      examples[entry.name] = await liveExample(entry.name, await textFiles(join(root, entry.name)));
    }
    return examples;
  },
};
