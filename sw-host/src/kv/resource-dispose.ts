/**
 * The method jco's glue calls on a host resource object when the guest drops its handle:
 * `rsc[Symbol.dispose || Symbol.for('dispose')]()` (the resource-drop trampolines of the
 * generated bindings). Host resources define it to free their table slots.
 */
export const disposeSymbol: symbol = (Symbol as { dispose?: symbol }).dispose ?? Symbol.for('dispose');
