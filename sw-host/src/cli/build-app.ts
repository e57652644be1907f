/**
 * `swerve up --build`: runs each component's `[component.<id>.build]` commands in its `workdir`
 * (the app folder by default) before serving, as `spin up --build` runs `spin build` first. The
 * commands' output goes to the terminal; a command that fails stops `swerve up`.
 */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { SwerveError } from '../errors.ts';
import type { AppManifest } from '../manifest/index.ts';

function run(command: string, cwd: string): Promise<number | null> {
  return new Promise((done, fail) => {
    const child = spawn(command, { cwd, shell: true, stdio: ['ignore', 'inherit', 'inherit'] });
    child.once('error', fail);
    child.once('exit', done);
  });
}

/** Runs the build commands of every component, or of those in `only`. @throws SwerveError on a failed one. */
export async function buildApp(
  manifest: AppManifest,
  dir: string,
  say: (line: string) => void,
  only?: ReadonlySet<string>,
): Promise<void> {
  for (const component of Object.values(manifest.components)) {
    const build = component.build;
    if (!build || (only && !only.has(component.id))) continue;
    const cwd = resolve(dir, build.workdir ?? '.');
    for (const command of build.commands) {
      say(`Building component ${component.id} with \`${command}\``);
      const code = await run(command, cwd);
      if (code !== 0) {
        throw new SwerveError(
          'component-unavailable',
          `The build of component "${component.id}" failed: \`${command}\` exited with ${code} in ${cwd}. Fix it, then run swerve up --build again.`,
        );
      }
    }
  }
}
