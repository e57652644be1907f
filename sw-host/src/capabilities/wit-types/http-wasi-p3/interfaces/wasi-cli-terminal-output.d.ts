/** @module Interface wasi:cli/terminal-output@0.3.0 **/

export class TerminalOutput {
  /**
   * This type does not have a public constructor.
   */
  private constructor();
}
