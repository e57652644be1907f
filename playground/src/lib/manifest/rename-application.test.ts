import { describe, expect, it } from 'vitest';
import { parse } from 'smol-toml';
import { isSpinAppName, renameApplication } from './rename-application.ts';

const MANIFEST = `spin_manifest_version = 2

# my app
[application]
name   = 'hello'  # shown by spin up
version = "0.1.0"

[[trigger.http]]
route = "/..."
component = "hello"

[component.hello]
name = "not-the-app"
source = "hello.wasm"
`;

describe('renameApplication', () => {
  it('edits only the value of [application] name', () => {
    const renamed = renameApplication(MANIFEST, 'todo-api')!;
    expect(renamed).toBe(MANIFEST.replace(`name   = 'hello'`, `name   = "todo-api"`));
    expect((parse(renamed) as { application: { name: string } }).application.name).toBe('todo-api');
  });

  it('leaves the manifest alone for a name Spin would not give an app', () => {
    expect(renameApplication(MANIFEST, 'my api 2')).toBeUndefined();
    expect(renameApplication(MANIFEST, '"; evil = 1')).toBeUndefined();
    expect(renameApplication(MANIFEST, '2fast')).toBeUndefined();
  });

  it('changes nothing when there is no [application] name, or it already says so', () => {
    expect(renameApplication('[component.x]\nname = "x"\n', 'todo')).toBeUndefined();
    expect(renameApplication('[application]\nname = "todo"\n', 'todo')).toBeUndefined();
  });

  it('accepts letters, digits, - and _ after a letter', () => {
    expect(isSpinAppName('kv_counter-2')).toBe(true);
    expect(isSpinAppName('a'.repeat(65))).toBe(false);
  });
});
