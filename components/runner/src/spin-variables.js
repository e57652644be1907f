// @ts-check
/**
 * `@spinframework/spin-variables`, as the Spin JS SDK documents it: `get(name)` gives the
 * variable's value, or null when it is not defined for this component.
 */

/** @param {(name: string) => string} getVariable  the host's `fermyon:spin/variables` get */
export function spinVariablesModule(getVariable) {
  /** @param {string} name @returns {string | null} */
  const get = (name) => {
    try {
      return getVariable(name);
    } catch {
      return null;
    }
  };
  return Object.freeze({ __proto__: null, get });
}
