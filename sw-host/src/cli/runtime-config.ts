/**
 * `swerve up --runtime-config-file`: the parts of a Spin runtime config that mean something in a
 * browser. `[key_value_store.<label>]` tables define store labels (every store lives in the
 * browser's IndexedDB, whatever its `type`); anything else is said to be ignored rather than
 * silently dropped.
 */
import { parse } from 'smol-toml';
import { SwerveError } from '../errors.ts';

export interface RuntimeConfig {
  keyValueStores: string[];
  /** What the file holds that Swerve does not use, for a warning each. */
  ignored: string[];
}

export function readRuntimeConfig(text: string, file: string): RuntimeConfig {
  let table: Record<string, unknown>;
  try {
    table = parse(text) as Record<string, unknown>;
  } catch (error) {
    throw new SwerveError(
      'config-invalid',
      `${file} is not valid TOML; fix the syntax there (see https://toml.io): ${(error as Error).message}`,
    );
  }
  const config: RuntimeConfig = { keyValueStores: [], ignored: [] };
  for (const [key, value] of Object.entries(table)) {
    if (key === 'key_value_store' && typeof value === 'object' && value !== null) {
      for (const [label, store] of Object.entries(value)) {
        config.keyValueStores.push(label);
        const type = (store as { type?: unknown }).type;
        if (type !== undefined && type !== 'spin')
          config.ignored.push(
            `[key_value_store.${label}] type = ${JSON.stringify(type)} (the store lives in the browser)`,
          );
      }
    } else {
      config.ignored.push(`[${key}]`);
    }
  }
  return config;
}
