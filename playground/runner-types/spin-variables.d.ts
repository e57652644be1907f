/** Spin's application variables, as the Spin JS SDK names them. */
declare module '@spinframework/spin-variables' {
  /** The variable's value, or null when the component's `variables` in spin.toml do not define it. */
  export function get(name: string): string | null;
}
