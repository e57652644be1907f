/**
 * Runs a host operation for a guest: jco turns a thrown plain object into the `err(...)` of a
 * `result`, and anything else (an `Error`) into a trap. `toVariant` maps a guest-visible
 * failure to its variant and rethrows the rest.
 */
export async function guestCall<T, E>(
  operation: () => Promise<T>,
  toVariant: (error: unknown) => E,
): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    // A variant value, not an Error: this is what jco lowers as `err(...)`.
    throw toVariant(error);
  }
}
