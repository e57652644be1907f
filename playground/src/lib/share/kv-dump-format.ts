/** The format tag of the host's key-value dumps (sw-host/src/kv/kv-dump.ts), which a link's seed is imported as. */
export const KV_DUMP_FORMAT = 'swerve-kv-v1' as const;
