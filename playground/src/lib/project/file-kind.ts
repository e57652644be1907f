/** Whether a file is edited as text or listed as bytes. */

const BINARY_EXTENSIONS =
  /\.(wasm|png|jpe?g|gif|webp|avif|ico|bmp|woff2?|ttf|otf|zip|gz|tar|pdf|mp[34]|webm|ogg|wav|bin)$/i;

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** The text of `bytes` when they are a text file: valid UTF-8 without NUL, and not a known binary type. */
export function asText(path: string, bytes: Uint8Array): string | undefined {
  if (BINARY_EXTENSIONS.test(path) || bytes.includes(0)) return undefined;
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return undefined;
  }
}

/** `12838087` → `12.2 MiB`. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KiB', 'MiB', 'GiB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

/** The editor language for a path. */
export function languageOf(path: string): 'toml' | 'json' | 'javascript' | 'html' | 'text' {
  if (/\.toml$/i.test(path)) return 'toml';
  if (/\.json$/i.test(path)) return 'json';
  if (/\.[cm]?[jt]sx?$/i.test(path)) return 'javascript';
  if (/\.html?$/i.test(path)) return 'html';
  return 'text';
}
