/** Bytes as base64 text (the standard alphabet, padded) and back: link payloads, data URLs. */

export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  // In slices: spreading megabytes into one call exceeds the engine's argument limit.
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** @throws DOMException for text that is not base64. */
export function base64ToBytes(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
