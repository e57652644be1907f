import { describe, expect, it } from 'vitest';
import { describeKvBackendContract } from './kv-backend-contract.test-helper.ts';
import { MemoryKvBackend } from './memory-backend.ts';

describeKvBackendContract('MemoryKvBackend', () => new MemoryKvBackend());

describe('MemoryKvBackend', () => {
  it('gets a unique name unless given one', () => {
    expect(new MemoryKvBackend().name).not.toBe(new MemoryKvBackend().name);
    expect(new MemoryKvBackend('swerve-kv-memory:app:default').name).toBe('swerve-kv-memory:app:default');
  });
});
