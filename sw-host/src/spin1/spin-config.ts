/**
 * Spin 1's `spin-config` import, `get-config: function(key: string) -> expected<string, error>`
 * (fermyon/spin, wit/ephemeral/spin-config.wit), answered from the component's variables as
 * Spin 2 and later answer it: a version 1 manifest's `config` is the version 2 `variables`.
 *
 * wit-bindgen 0.2 passes the key as (pointer, length) and a pointer to a 16-byte return area:
 * the expected's tag (u8) at 0; for ok the string's pointer and length at 4 and 8; for an error
 * the error variant's case (u8) at 4 and its message's pointer and length at 8 and 12.
 */
import type { GuestMemory } from './guest-memory.ts';

/** `variant error { provider(string), invalid-key(string), invalid-schema(string), other(string) }`. */
const ERROR_CASES = { provider: 0, 'invalid-key': 1, 'invalid-schema': 2, other: 3 } as const;

/** `fermyon:spin/variables.get`, as the host gives it to components. */
export type VariablesGet = (
  name: string,
) => { tag: 'ok'; val: string } | { tag: 'err'; val: { tag: string; val?: string } };

/** Spin's mapping of a variables error onto the version 1 config error. */
function configError(tag: string): number {
  if (tag === 'invalid-name') return ERROR_CASES['invalid-key'];
  if (tag === 'undefined' || tag === 'provider') return ERROR_CASES.provider;
  return ERROR_CASES.other;
}

export function spinConfigImports(get: VariablesGet, guest: () => GuestMemory) {
  return {
    'get-config'(keyPointer: number, keyLength: number, resultPointer: number): void {
      const memory = guest();
      const result = get(memory.readString(keyPointer, keyLength, 'config key'));
      const text = result.tag === 'ok' ? result.val : (result.val.val ?? result.val.tag);
      // Allocate first: the guest's allocator may grow its memory.
      const [pointer, length] = memory.writeString(text);
      memory.check(resultPointer, 16, 'config result area');
      const view = memory.view;
      if (result.tag === 'ok') {
        view.setUint8(resultPointer, 0);
        view.setUint32(resultPointer + 4, pointer, true);
        view.setUint32(resultPointer + 8, length, true);
      } else {
        view.setUint8(resultPointer, 1);
        view.setUint8(resultPointer + 4, configError(result.val.tag));
        view.setUint32(resultPointer + 8, pointer, true);
        view.setUint32(resultPointer + 12, length, true);
      }
    },
  };
}
