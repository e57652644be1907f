import { describe, expect, it } from 'vitest';
import { readRuntimeConfig } from './runtime-config.ts';

describe('readRuntimeConfig', () => {
  it('defines the key-value stores it names and says what it ignores', () => {
    const config = readRuntimeConfig(
      '[key_value_store.cache]\ntype = "redis"\n[key_value_store.kept]\n[sqlite_database.default]\n',
      'rc.toml',
    );
    expect(config.keyValueStores).toEqual(['cache', 'kept']);
    expect(config.ignored).toEqual([
      '[key_value_store.cache] type = "redis" (the store lives in the browser)',
      '[sqlite_database]',
    ]);
  });

  it('refuses a file that is not TOML as a configuration mistake, not a manifest one', () => {
    expect(() => readRuntimeConfig('[key_value_store', 'rc.toml')).toThrow(
      expect.objectContaining({
        code: 'config-invalid',
        message: expect.stringContaining('rc.toml is not valid TOML; fix the syntax there'),
      }),
    );
  });
});
