// @ts-check
/**
 * Reads the component's files (its Spin `files` mount, preopened at `/`) through
 * wasi:filesystem. StarlingMonkey has no file API of its own.
 */
import { getDirectories } from 'wasi:filesystem/preopens@0.2.10';

const CHUNK = 65536n;

/** @returns {any} the descriptor of the preopen at `/`, or undefined when no files are mounted */
function root() {
  return getDirectories().find(([, mount]) => mount === '/')?.[0];
}

/**
 * A reader of files by absolute path, caching what it read for this instance.
 * @returns {{ mounted: boolean, readFile: (path: string) => string | undefined }}
 */
export function mountedFiles() {
  const directory = root();
  /** @type {Map<string, string | undefined>} */
  const cache = new Map();
  const read = (/** @type {string} */ path) => {
    if (!directory) return undefined;
    let file;
    try {
      file = directory.openAt({ symlinkFollow: false }, path.replace(/^\/+/, ''), {}, { read: true });
    } catch {
      // no-entry, not-directory, is-directory: not a file the user can import.
      return undefined;
    }
    try {
      const decoder = new TextDecoder();
      let text = '';
      for (let offset = 0n; ;) {
        const [bytes, end] = file.read(CHUNK, offset);
        text += decoder.decode(bytes, { stream: true });
        offset += BigInt(bytes.length);
        if (end || bytes.length === 0) break;
      }
      return text + decoder.decode();
    } catch {
      // A directory, or a file that cannot be read.
      return undefined;
    } finally {
      file[Symbol.dispose]?.();
    }
  };
  return {
    mounted: Boolean(directory),
    readFile(path) {
      if (!cache.has(path)) cache.set(path, read(path));
      return cache.get(path);
    },
  };
}
