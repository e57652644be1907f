/**
 * Swerve as a Spin target environment (Spin's SIP 025: `[application] targets = [...]` in
 * spin.toml, checked by `spin build`): a TOML document that maps each trigger type to the worlds
 * a component of that trigger may be built for, here the WIT directory beside it (host-worlds.ts).
 * Swerve runs HTTP triggers only.
 */
import { GENERATED_NOTE, HOST_WORLDS, qualifiedWorld } from './host-worlds.ts';

/** The environment file's name; Spin names the environment after it (`swerve`). */
export const TARGET_ENVIRONMENT_FILE = 'swerve.toml';

/** Where the worlds' WIT directory is, relative to the environment file. */
export const TARGET_WIT_DIR = 'wit';

export function targetEnvironmentToml(): string {
  const worlds = HOST_WORLDS.map(
    (world) => `  { path = "${TARGET_WIT_DIR}", world = "${qualifiedWorld(world)}" },`,
  );
  return [
    `# ${GENERATED_NOTE}`,
    '#',
    '# Swerve as a Spin target environment: in spin.toml,',
    '#   [application]',
    `#   targets = [{ path = "<this folder>/${TARGET_ENVIRONMENT_FILE}" }]`,
    '# and `spin build` says whether each component can run in Swerve.',
    '',
    '[triggers]',
    'http = [',
    ...worlds,
    ']',
    '',
  ].join('\n');
}
