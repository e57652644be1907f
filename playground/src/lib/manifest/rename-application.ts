/**
 * Renaming a project renames its app: `[application] name` in spin.toml follows the project's
 * name. Only that one value is edited, in place, so the user's comments, layout and every other
 * line stay as they wrote them.
 */

/** Longer names are kept as the project's name only; the manifest keeps its own. */
export const MAX_APP_NAME_LENGTH = 64;

/**
 * A name Spin's own tools would give an app: a letter, then letters, digits, `-` and `_`. Others
 * ("my api 2") stay the project's name only, not written into a manifest Spin reads.
 */
export function isSpinAppName(name: string): boolean {
  return name.length <= MAX_APP_NAME_LENGTH && /^[A-Za-z][A-Za-z0-9_-]*$/.test(name);
}

const TABLE_HEADER = /^\s*\[/;
const APPLICATION_HEADER = /^\s*\[\s*application\s*\]\s*(#.*)?$/;
/** `name = "…"` or `name = '…'`, with whatever spacing and trailing comment. */
const NAME_LINE = /^(\s*name\s*=\s*)("(?:[^"\\]|\\.)*"|'[^']*')(.*)$/;

/**
 * `manifest` with `[application] name` set to `name`, or `undefined` when there is nothing to
 * change: `name` is not a Spin app name, the manifest has no such line, or it already says so.
 */
export function renameApplication(manifest: string, name: string): string | undefined {
  if (!isSpinAppName(name)) return undefined;
  const lines = manifest.split('\n');
  let inApplication = false;
  for (const [i, line] of lines.entries()) {
    if (TABLE_HEADER.test(line)) {
      inApplication = APPLICATION_HEADER.test(line);
      continue;
    }
    if (!inApplication) continue;
    const match = NAME_LINE.exec(line);
    if (!match) continue;
    const [, before, value, after] = match;
    const written = `"${name}"`;
    if (value === written) return undefined;
    lines[i] = `${before}${written}${after}`;
    return lines.join('\n');
  }
  return undefined;
}
