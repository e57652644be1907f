/** The declarations the editor's TypeScript worker checks against, gathered at build time (playground/type-library.ts). */
declare module 'virtual:swerve-type-library' {
  const library: {
    /** Each declaration's text, by the path the service reads it at. */
    files: Record<string, string>;
    /** The `lib` compiler option, by library name. */
    libs: string[];
    libDirectory: string;
    runnerTypesDirectory: string;
  };
  export default library;
}
