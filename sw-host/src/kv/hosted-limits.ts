/**
 * Spin's documented limits for hosted key-value stores (Fermyon Cloud). Local Spin does not
 * enforce them and neither does Swerve; a write beyond one gets a warning, so that an app that
 * works here does not fail for the first time after deploying.
 */

/** The hosted limits, in bytes and keys. */
export const HOSTED_KV_LIMITS = {
  keyBytes: 256,
  valueBytes: 1024 * 1024,
  keysPerStore: 1024,
} as const;

/** Which limit a write went past. */
export type HostedLimit = 'key-size' | 'value-size' | 'key-count';

/** A limit a write went past, with a whole-sentence warning. */
export interface HostedLimitWarning {
  readonly limit: HostedLimit;
  readonly message: string;
}

const encoder = new TextEncoder();

/**
 * The hosted limits that a write of `valueBytes` bytes under `key`, leaving `keyCount` keys
 * in the store `label`, goes past.
 */
export function hostedLimitWarnings(
  label: string,
  key: string,
  valueBytes: number,
  keyCount: number | undefined,
): HostedLimitWarning[] {
  const warnings: HostedLimitWarning[] = [];
  const where = `key-value store "${label}"`;
  const onCloud = 'this write would fail on Fermyon Cloud (local Spin accepts it)';
  const keyBytes = encoder.encode(key).byteLength;
  if (keyBytes > HOSTED_KV_LIMITS.keyBytes) {
    warnings.push({
      limit: 'key-size',
      message: `[swerve] ${where}: key "${abbreviate(key)}" is ${keyBytes} bytes, over the hosted limit of ${HOSTED_KV_LIMITS.keyBytes}; ${onCloud}.`,
    });
  }
  if (valueBytes > HOSTED_KV_LIMITS.valueBytes) {
    warnings.push({
      limit: 'value-size',
      message: `[swerve] ${where}: the value of "${abbreviate(key)}" is ${valueBytes} bytes, over the hosted limit of ${HOSTED_KV_LIMITS.valueBytes} (1 MiB); ${onCloud}.`,
    });
  }
  if (keyCount !== undefined && keyCount > HOSTED_KV_LIMITS.keysPerStore) {
    warnings.push({
      limit: 'key-count',
      message: `[swerve] ${where} now holds ${keyCount} keys, over the hosted limit of ${HOSTED_KV_LIMITS.keysPerStore} per store; ${onCloud}.`,
    });
  }
  return warnings;
}

function abbreviate(key: string): string {
  return key.length > 40 ? `${key.slice(0, 40)}…` : key;
}
