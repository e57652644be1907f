/**
 * The `swerve` command (`swerve up`, `swerve watch`, `swerve --version`). `bin/swerve.js` calls
 * {@link runSwerve}: from the package's compiled `dist/cli.js`, or in the repository through
 * Vite's module runner (Node 20 cannot import TypeScript).
 */
import { SwerveError } from '../errors.ts';
import { parseArgs, USAGE, UsageError } from './args.ts';
import { up, type CommandIo } from './up-command.ts';
import { printable } from './terminal-text.ts';
import { versionLine } from './version.ts';
import { watchApp } from './watch-command.ts';

/**
 * Runs the command line `argv` (without node and the script). Resolves with the exit code once
 * the command has started (`up` then keeps serving until the process is stopped).
 */
export async function runSwerve(argv: readonly string[], io: CommandIo = defaultIo()): Promise<number> {
  try {
    const command = parseArgs(argv);
    if (command.kind === 'help') {
      io.out(USAGE);
      return 0;
    }
    if (command.kind === 'version') {
      io.out(versionLine());
      return 0;
    }
    const running = command.kind === 'watch' ? await watchApp(command, io) : await up(command, io);
    const stop = () => void running.close().then(() => process.exit(0));
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`swerve: ${error.message}`);
      return 2;
    }
    // A SwerveError's message is the whole story; anything else is a bug worth its stack.
    io.err(
      error instanceof SwerveError
        ? error.message
        : error instanceof Error
          ? (error.stack ?? error.message)
          : String(error),
    );
    return 1;
  }
}

/** The terminal: every line escaped, since many carry an app's or a browser's text (cli/terminal-text.ts). */
function defaultIo(): CommandIo {
  return {
    out: (line) => console.log(printable(line)),
    err: (line) => console.error(printable(line)),
    cwd: process.cwd(),
  };
}
