// @ts-check
/**
 * The dead-export check `npm run lint` runs: a name a module of sw-host/src exports must be used,
 * in some other tracked file (a module that imports it, a test, a script) or in its own module,
 * or it is dead code that only looks like API. (An export used only in its own module, a type in
 * an exported function's signature say, is left alone.) The package's entry points
 * (package.json `exports`, `bin`) are API by definition, and so is what they re-export.
 *
 * It reads text, not types: a name mentioned anywhere else counts as used, so it never flags a
 * live export, and misses an export whose name another file happens to use for something else.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const SOURCE = /^sw-host\/src\/.*\.ts$/;
const TEXT = /\.(ts|js|mjs|svelte|vue|json|md)$/;

/** Files whose exports are the package's API (sw-host/package.json). */
const ENTRY_POINTS = new Set([
  'sw-host/src/client/index.ts',
  'sw-host/src/vite-plugin/index.ts',
  'sw-host/src/component/component-binary.ts',
  'sw-host/src/cli/main.ts',
]);

const DECLARED =
  /^export\s+(?:declare\s+)?(?:default\s+)?(?:async\s+)?(?:function\*?|const|let|class|abstract\s+class|interface|type|enum)\s+([A-Za-z_$][\w$]*)/gm;
const LISTED = /^export\s+(?:type\s+)?\{([^}]*)\}(?!\s*from)/gm;

/** The names `text` exports itself (re-exports `from` elsewhere are the other module's). */
function exportedNames(text) {
  const names = new Set();
  for (const match of text.matchAll(DECLARED)) names.add(match[1]);
  for (const match of text.matchAll(LISTED)) {
    for (const part of match[1].split(',')) {
      const name = part
        .trim()
        .split(/\s+as\s+/)
        .pop()
        ?.replace(/^type\s+/, '');
      if (name) names.add(name);
    }
  }
  return names;
}

const tracked = execFileSync('git', ['ls-files', '-co', '--exclude-standard'], {
  cwd: root,
  encoding: 'utf8',
})
  .split('\n')
  .filter((path) => TEXT.test(path) && !path.includes('/wit-types/'));
const texts = new Map(tracked.map((path) => [path, readFileSync(join(root, path), 'utf8')]));

const dead = [];
for (const [path, text] of texts) {
  if (!SOURCE.test(path) || ENTRY_POINTS.has(path) || path.endsWith('.d.ts')) continue;
  for (const name of exportedNames(text)) {
    const word = new RegExp(`(?<![\\w$])${name.replace(/\$/g, '\\$')}(?![\\w$])`, 'g');
    let used = (text.match(word) ?? []).length > 1;
    for (const [other, otherText] of texts) {
      word.lastIndex = 0;
      if (other !== path && word.test(otherText)) {
        used = true;
        break;
      }
    }
    if (!used) dead.push(`${path}: ${name}`);
  }
}

if (dead.length > 0) {
  console.error(
    `Exported but named in no other file (dead exports): remove them, or stop exporting them:\n  ${dead.join('\n  ')}`,
  );
  process.exit(1);
}
console.log('No dead exports in sw-host/src.');
