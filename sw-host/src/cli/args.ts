/**
 * The `swerve` command line: `swerve up [APP] [options]`, spelled as `spin up` spells what they
 * share (`--from`/`-f`, `--listen`, `--variable`, `--key-value`), plus `--port`, `--host` and
 * `--request-timeout`.
 */
import { checkAllowedHost } from './host-check.ts';

/** `swerve up`'s options. */
export interface UpOptions {
  kind: 'up';
  /** The app folder, or its manifest file; `.` by default. */
  app: string;
  host: string;
  /**
   * `--allowed-host NAME` (repeatable): more names the server answers to, beside localhost,
   * `*.localhost`, IP addresses and `--host` (cli/host-check.ts); `.example.com` allows a domain
   * and its subdomains.
   */
  allowedHosts: string[];
  /** 0 picks a free port. */
  port: number;
  /** `--variable name=value` overrides, in the order given (a later one wins). */
  variables: Record<string, string>;
  /** `--key-value key=value`: values set in the default store at deploy, as `spin up` does. */
  keyValues: Record<string, string>;
  /**
   * `--sqlite <STATEMENT>` or `--sqlite @file[:label]` (repeatable): SQL run at deploy, as
   * `spin up --sqlite` runs it at start.
   */
  sqlite: string[];
  /** `--request-timeout <seconds>`: how long a request may run before it is stopped (504). */
  requestTimeoutMs?: number;
  /** `-e/--env NAME=VALUE`: environment variables for every component. */
  environment: Record<string, string>;
  /** `--runtime-config-file <path>`: defines key-value store labels. */
  runtimeConfigFile?: string;
  /** `--build`: run the components' build commands first. */
  build: boolean;
  /** `--no-request-log`: print no line per request. */
  requestLog: boolean;
  /** Relay components' outbound requests through the server (`--no-relay` turns it off). */
  relay: boolean;
}

/** `swerve watch`'s options: `swerve up`'s, and how to follow the folder (as `spin watch`). */
export interface WatchOptions extends Omit<UpOptions, 'kind'> {
  kind: 'watch';
  /** `--skip-build`: only follow the built files; never run the build commands. */
  skipBuild: boolean;
  /** `--debounce <MS>`: wait this long after a change before acting on it. */
  debounceMs: number;
}

export type Command = { kind: 'help' } | { kind: 'version' } | UpOptions | WatchOptions;

/** As `spin watch`'s default. */
export const DEFAULT_DEBOUNCE_MS = 100;

/** A mistake on the command line; its message says what to type instead. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** As `spin up`: loopback, port 3000. */
export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_PORT = 3000;

export const USAGE = `Usage: swerve up [APP] [options]
       swerve watch [APP] [options] [--skip-build] [--debounce <MS>]

Serves a Spin app folder (or its spin.toml) to browsers, which run it in a service worker.

swerve watch does what swerve up --build does, then, as spin watch, rebuilds a component when a
file matching its [component.<id>.build] watch globs changes, and the app's open tabs reload
with the new version by themselves.

Options:
  -f, --from <APP>           the app folder or manifest (default: the current folder)
      --port <PORT>          the port to listen on (default: ${DEFAULT_PORT}; 0 picks a free one)
      --host <HOST>          the address to listen on (default: ${DEFAULT_HOST})
      --listen <HOST:PORT>   both at once, as spin up's --listen
      --allowed-host <NAME>  also answer requests for NAME (a name of this machine, a proxy
                             or a tunnel; .example.com: it and its subdomains; repeatable).
                             Always answered: localhost, *.localhost, IP addresses, --host
      --variable <N=VALUE>   a value for the application variable N (repeatable);
                             SPIN_VARIABLE_<N> in the environment works too
      --key-value <K=VALUE>  set key K in the default key-value store at start (repeatable)
      --sqlite <STATEMENT>   run a SQL statement against the default SQLite database at
                             start; @FILE runs a file's statements (repeatable)
  -e, --env <N=VALUE>        set the environment variable N for every component (repeatable)
      --runtime-config-file <FILE>
                             a Spin runtime config: its [key_value_store.<label>] tables
                             define store labels
      --build                run the components' build commands first (as spin up --build)
      --request-timeout <S>  stop a request still running after S seconds: 504 (default: 10)
      --no-request-log       print no line per request (guest output and errors still show)
      --no-relay             let components' outbound requests go out from the browser
                             (CORS applies) instead of through this server
      --skip-build           (watch) never run build commands; follow the built files only
      --debounce <MS>        (watch) wait MS milliseconds after a change (default: ${DEFAULT_DEBOUNCE_MS})
  -h, --help                 show this help
  -V, --version              print the version (as spin --version)`;

const USAGE_HINT = 'Run `swerve up --help` for the options.';

function parsePort(text: string): number {
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65535) {
    throw new UsageError(`--port must be a number from 0 to 65535, not "${text}".`);
  }
  return port;
}

function parseListen(text: string): { host: string; port: number } {
  const match = /^(?:\[([^\]]+)\]|([^:]*)):(\d+)$/.exec(text);
  if (!match) throw new UsageError(`--listen must be HOST:PORT, as in 127.0.0.1:3000, not "${text}".`);
  return { host: match[1] ?? (match[2] || DEFAULT_HOST), port: parsePort(match[3]!) };
}

function parsePair(flag: string, example: string, text: string): [string, string] {
  const equals = text.indexOf('=');
  if (equals <= 0)
    throw new UsageError(`${flag} must be NAME=VALUE, as in ${flag} ${example}, not "${text}".`);
  return [text.slice(0, equals), text.slice(equals + 1)];
}

function parseSeconds(text: string): number {
  const seconds = Number(text);
  if (!/^\d+(\.\d+)?$/.test(text) || seconds <= 0 || seconds > 2_000_000) {
    throw new UsageError(
      `--request-timeout must be a number of seconds above 0, as in 30 or 0.5, not "${text}".`,
    );
  }
  return Math.round(seconds * 1000);
}

/** Parses `argv` (without the node and script paths). @throws UsageError */
export function parseArgs(argv: readonly string[]): Command {
  const [command, ...rest] = argv;
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
    return { kind: 'help' };
  }
  if (command === '--version' || command === '-V') return { kind: 'version' };
  if (command !== 'up' && command !== 'watch') {
    throw new UsageError(`Unknown command "${command}". Run: swerve up path/to/app`);
  }
  let skipBuild = false;
  let debounceMs = DEFAULT_DEBOUNCE_MS;
  const options: UpOptions = {
    kind: 'up',
    app: '.',
    host: DEFAULT_HOST,
    allowedHosts: [],
    port: DEFAULT_PORT,
    variables: {},
    keyValues: {},
    sqlite: [],
    environment: {},
    build: false,
    requestLog: true,
    relay: true,
  };
  let app: string | undefined;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    const [flag, inlineValue] = arg.startsWith('--') && arg.includes('=') ? splitOnce(arg) : [arg, undefined];
    const value = (): string => {
      const next = inlineValue ?? rest[++i];
      if (next === undefined) throw new UsageError(`${flag} needs a value. ${USAGE_HINT}`);
      return next;
    };
    switch (flag) {
      case '-h':
      case '--help':
        return { kind: 'help' };
      case '-f':
      case '--from':
        app = setOnce(app, value(), 'the app');
        break;
      case '--port':
        options.port = parsePort(value());
        break;
      case '--host':
        options.host = value();
        break;
      case '--listen':
        Object.assign(options, parseListen(value()));
        break;
      case '--allowed-host': {
        const name = value();
        const problem = checkAllowedHost(name);
        if (problem) throw new UsageError(problem);
        options.allowedHosts.push(name);
        break;
      }
      case '--no-relay':
        options.relay = false;
        break;
      case '--variable': {
        const [name, text] = parsePair(flag, 'api_token=abc', value());
        options.variables[name] = text;
        break;
      }
      case '--key-value': {
        const [key, text] = parsePair(flag, 'greeting=hello', value());
        options.keyValues[key] = text;
        break;
      }
      case '--sqlite':
        options.sqlite.push(value());
        break;
      case '-e':
      case '--env': {
        const [name, text] = parsePair(flag, 'RUST_LOG=debug', value());
        options.environment[name] = text;
        break;
      }
      case '--runtime-config-file':
        options.runtimeConfigFile = value();
        break;
      case '--build':
        options.build = true;
        break;
      case '--no-request-log':
        options.requestLog = false;
        break;
      case '--request-timeout':
        options.requestTimeoutMs = parseSeconds(value());
        break;
      case '--skip-build':
        if (command !== 'watch') throw new UsageError(`--skip-build is for swerve watch. ${USAGE_HINT}`);
        skipBuild = true;
        break;
      case '--debounce':
        if (command !== 'watch') throw new UsageError(`--debounce is for swerve watch. ${USAGE_HINT}`);
        debounceMs = parseMilliseconds(value());
        break;
      default:
        if (arg.startsWith('-') && arg !== '-') throw new UsageError(`Unknown option ${flag}. ${USAGE_HINT}`);
        app = setOnce(app, arg, 'the app');
    }
  }
  if (command === 'watch') return { ...options, kind: 'watch', app: app ?? '.', skipBuild, debounceMs };
  return { ...options, app: app ?? '.' };
}

function parseMilliseconds(text: string): number {
  const ms = Number(text);
  if (!/^\d+$/.test(text) || ms > 60_000) {
    throw new UsageError(
      `--debounce must be a whole number of milliseconds up to 60000, as in 250, not "${text}".`,
    );
  }
  return ms;
}

function splitOnce(arg: string): [string, string] {
  const equals = arg.indexOf('=');
  return [arg.slice(0, equals), arg.slice(equals + 1)];
}

function setOnce(current: string | undefined, next: string, what: string): string {
  if (current !== undefined) {
    throw new UsageError(`Give ${what} once: got "${current}" and "${next}". ${USAGE_HINT}`);
  }
  return next;
}
