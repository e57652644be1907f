/**
 * One entry of a Spin manifest's `[variables]`, as the manifest parser (../manifest) leaves it and
 * the resolver takes it. Defined here so that variables need nothing from the parser;
 * `manifest/types.ts` re-exports it.
 */

/** One entry of `[variables]`: either required, or with a default; never both, never neither. */
export type VariableDeclaration =
  | {
      readonly required: true;
      readonly secret: boolean;
      readonly description?: string;
    }
  | {
      readonly required: false;
      readonly default: string;
      readonly secret: boolean;
      readonly description?: string;
    };
