/** A greeting, as text. */
export function greet(greeting, name) {
  return `${greeting}, ${name}!\n`;
}
