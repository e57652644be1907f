/**
 * The behaviour every `KvBackend` must have, as a Vitest suite that backend tests run against
 * their implementation (memory-backend.test.ts, idb-backend.test.ts).
 */
import { describe, expect, it } from 'vitest';
import type { KvBackend } from './kv-backend.ts';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

/** Registers the contract tests for backends made by `make` (a fresh, empty store per call). */
export function describeKvBackendContract(name: string, make: () => KvBackend): void {
  describe(`${name}: KvBackend contract`, () => {
    it('gets what was set, and undefined for a missing key', async () => {
      const backend = make();
      expect(await backend.get('a')).toBeUndefined();
      await backend.set('a', bytes('one'));
      expect(await backend.get('a')).toEqual(bytes('one'));
      await backend.set('a', bytes('two'));
      expect(await backend.get('a')).toEqual(bytes('two'));
    });

    it('stores empty values and any string as a key', async () => {
      const backend = make();
      await backend.set('', new Uint8Array());
      await backend.set('ключ/🔑:x', bytes('v'));
      expect(await backend.get('')).toEqual(new Uint8Array());
      expect(await backend.exists('')).toBe(true);
      expect(await backend.get('ключ/🔑:x')).toEqual(bytes('v'));
    });

    it('keeps its own copy of values', async () => {
      const backend = make();
      const value = bytes('abc');
      await backend.set('k', value);
      value[0] = 0;
      const read = await backend.get('k');
      expect(read).toEqual(bytes('abc'));
      read?.fill(0);
      expect(await backend.get('k')).toEqual(bytes('abc'));
    });

    it('stores only the bytes of a view, not its whole buffer', async () => {
      const backend = make();
      const buffer = bytes('xxhelloxx');
      await backend.set('k', buffer.subarray(2, 7));
      const read = await backend.get('k');
      expect(read).toEqual(bytes('hello'));
      expect(read?.buffer.byteLength).toBe(5);
    });

    it('deletes, with no error for a missing key', async () => {
      const backend = make();
      await backend.set('a', bytes('1'));
      await backend.delete('a');
      await backend.delete('a');
      expect(await backend.exists('a')).toBe(false);
      expect(await backend.get('a')).toBeUndefined();
    });

    it('lists and counts keys; set reports the key count', async () => {
      const backend = make();
      expect(await backend.keys()).toEqual([]);
      expect((await backend.set('b', bytes('1'))).keyCount).toBe(1);
      expect((await backend.set('a', bytes('2'))).keyCount).toBe(2);
      expect((await backend.set('a', bytes('3'))).keyCount).toBe(2);
      expect((await backend.keys()).sort()).toEqual(['a', 'b']);
      expect(await backend.count()).toBe(2);
    });

    it('gets, sets and deletes many keys', async () => {
      const backend = make();
      const { keyCount } = await backend.setMany([
        ['x', bytes('1')],
        ['y', bytes('2')],
      ]);
      expect(keyCount).toBe(2);
      expect(await backend.getMany(['y', 'missing', 'x'])).toEqual([bytes('2'), undefined, bytes('1')]);
      await backend.deleteMany(['x', 'missing']);
      expect(await backend.keys()).toEqual(['y']);
      await backend.clear();
      expect(await backend.count()).toBe(0);
    });

    it('updates atomically: writes what the callback decides and returns its result', async () => {
      const backend = make();
      const created = await backend.update('n', (current) => ({
        write: true,
        value: bytes(current === undefined ? 'first' : 'again'),
        result: current,
      }));
      expect(created).toEqual({ result: undefined, keyCount: 1 });
      const kept = await backend.update('n', (current) => ({ write: false, result: current }));
      expect(kept).toEqual({ result: bytes('first') });
      expect(await backend.get('n')).toEqual(bytes('first'));
    });

    it('writes nothing when the update callback throws, and passes its error through', async () => {
      const backend = make();
      await backend.set('n', bytes('kept'));
      const failure = new Error('decided to fail');
      await expect(
        backend.update('n', () => {
          throw failure;
        }),
      ).rejects.toBe(failure);
      expect(await backend.get('n')).toEqual(bytes('kept'));
    });

    it('serialises concurrent updates of one key', async () => {
      const backend = make();
      const addOne = () =>
        backend.update('count', (current) => {
          const next = (current?.[0] ?? 0) + 1;
          return { write: true, value: Uint8Array.of(next), result: next };
        });
      const results = await Promise.all(Array.from({ length: 50 }, addOne));
      expect(await backend.get('count')).toEqual(Uint8Array.of(50));
      expect(results.map((r) => r.result).sort((a, b) => a - b)).toEqual(
        Array.from({ length: 50 }, (_, i) => i + 1),
      );
    });
  });
}
