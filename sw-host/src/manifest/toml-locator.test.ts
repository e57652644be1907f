import { describe, expect, it } from 'vitest';
import { locateToml } from './toml-locator.ts';

const text = `spin_manifest_version = 2

[application]
name = "shop"
authors = [
  "Ada",   # a comment with [brackets]
  "[not a table]",
]
description = """
[not a table either]
"""

[[trigger.http]]
route = "/..."
component = "web"

[[trigger.http]]
route = "/api/..."
component = { source = "api.wasm" }

[component.web]
source = "web.wasm"
build.command = "make"
"quoted.key" = 1

[component.web.build]
watch = ["src"]
`;

describe('locateToml', () => {
  const locator = locateToml(text);

  it.each<[(string | number)[], number | undefined]>([
    [['spin_manifest_version'], 1],
    [['application'], 3],
    [['application', 'name'], 4],
    [['application', 'authors'], 5],
    [['application', 'description'], 9],
    [['trigger', 'http', 0], 13],
    [['trigger', 'http', 0, 'route'], 14],
    [['trigger', 'http', 1], 17],
    [['trigger', 'http', 1, 'component'], 19],
    // Inside an inline table: the key that holds it.
    [['trigger', 'http', 1, 'component', 'source'], 19],
    [['component', 'web'], 21],
    [['component', 'web', 'source'], 22],
    // A dotted key defines its table on first use.
    [['component', 'web', 'build'], 23],
    [['component', 'web', 'build', 'command'], 23],
    [['component', 'web', 'quoted.key'], 24],
    [['component', 'web', 'build', 'watch'], 27],
    // Unknown paths fall back to the nearest written ancestor, or to nothing.
    [['component', 'web', 'files', 2], 21],
    [['variables', 'x'], undefined],
  ])('%j is on line %j', (path, line) => {
    expect(locator.lineOf(path)).toBe(line);
  });

  it('ignores headers inside multi-line strings and arrays', () => {
    expect(locator.lineOf(['not a table'])).toBeUndefined();
    expect(locator.lineOf(['not a table either'])).toBeUndefined();
  });

  it('handles CRLF line endings', () => {
    expect(locateToml('a = 1\r\n[b]\r\nc = 2\r\n').lineOf(['b', 'c'])).toBe(3);
  });
});
