/**
 * The localStorage key set once a browser got the playground's starter project
 * (first-visit.ts). A module of its own, with no imports, so the browser tests can name it.
 */
export const STARTER_MADE_KEY = 'swerve-playground:starter-made';
