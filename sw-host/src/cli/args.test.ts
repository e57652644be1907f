import { describe, expect, it } from 'vitest';
import { DEFAULT_HOST, DEFAULT_PORT, parseArgs, UsageError } from './args.ts';

const up = (overrides: object = {}) => ({
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
  ...overrides,
});

describe('parseArgs', () => {
  it.each([[['--version']], [['-V']]])('%j asks for the version', (argv) => {
    expect(parseArgs(argv)).toEqual({ kind: 'version' });
  });

  it.each([[[]], [['help']], [['--help']], [['-h']], [['up', 'app', '--help']]])(
    '%j asks for help',
    (argv) => {
      expect(parseArgs(argv)).toEqual({ kind: 'help' });
    },
  );

  it.each([
    [['up'], up()],
    [['up', 'components/examples/echo'], up({ app: 'components/examples/echo' })],
    [['up', '-f', 'app/spin.toml'], up({ app: 'app/spin.toml' })],
    [['up', '--from=app'], up({ app: 'app' })],
    [['up', 'app', '--port', '3001'], up({ app: 'app', port: 3001 })],
    [['up', '--port=0'], up({ port: 0 })],
    [['up', '--host', 'localhost'], up({ host: 'localhost' })],
    [['up', '--listen', '127.0.0.1:4000'], up({ host: '127.0.0.1', port: 4000 })],
    [
      ['up', '--allowed-host', 'mybox.local', '--allowed-host=.example.com'],
      up({ allowedHosts: ['mybox.local', '.example.com'] }),
    ],
    [['up', '--listen', '[::1]:4000'], up({ host: '::1', port: 4000 })],
    [['up', '--listen', ':4000'], up({ port: 4000 })],
    [
      ['up', '--variable', 'token=a=b', '--variable=empty=', '--variable', 'token=c'],
      up({ variables: { token: 'c', empty: '' } }),
    ],
    [['up', '--key-value', 'greeting=hi', '--key-value=n=1'], up({ keyValues: { greeting: 'hi', n: '1' } })],
    [
      ['up', '--sqlite', 'CREATE TABLE t (v)', '--sqlite=@schema.sql'],
      up({ sqlite: ['CREATE TABLE t (v)', '@schema.sql'] }),
    ],
    [['up', '--request-timeout', '2.5'], up({ requestTimeoutMs: 2500 })],
    [['up', '-e', 'A=1', '--env=B=two'], up({ environment: { A: '1', B: 'two' } })],
    [
      ['up', '--build', '--no-request-log', '--runtime-config-file', 'rc.toml'],
      up({ build: true, requestLog: false, runtimeConfigFile: 'rc.toml' }),
    ],
    [['up', '--no-relay'], up({ relay: false })],
  ])('%j', (argv, expected) => {
    expect(parseArgs(argv)).toEqual(expected);
  });

  it.each([
    [['down'], 'Unknown command "down". Run: swerve up path/to/app'],
    [['up', '--port', 'x'], '--port must be a number from 0 to 65535, not "x".'],
    [['up', '--port', '70000'], '--port must be a number from 0 to 65535, not "70000".'],
    [['up', '--port'], '--port needs a value. Run `swerve up --help` for the options.'],
    [['up', '--listen', '3000'], '--listen must be HOST:PORT, as in 127.0.0.1:3000, not "3000".'],
    [
      ['up', '--variable', 'token'],
      '--variable must be NAME=VALUE, as in --variable api_token=abc, not "token".',
    ],
    [
      ['up', '--key-value', 'greeting'],
      '--key-value must be NAME=VALUE, as in --key-value greeting=hello, not "greeting".',
    ],
    [
      ['up', '--request-timeout', '0'],
      '--request-timeout must be a number of seconds above 0, as in 30 or 0.5, not "0".',
    ],
    [['up', '--verbose'], 'Unknown option --verbose. Run `swerve up --help` for the options.'],
    [
      ['up', '--allowed-host', 'http://mybox.local/'],
      '--allowed-host must be a host name, as in --allowed-host mybox.local (or .example.com for a domain and its subdomains), not "http://mybox.local/".',
    ],
    [['up', 'a', 'b'], 'Give the app once: got "a" and "b". Run `swerve up --help` for the options.'],
  ])('%j is refused, saying what to type', (argv, message) => {
    expect(() => parseArgs(argv)).toThrow(new UsageError(message));
  });
});

describe('swerve watch', () => {
  it('takes the options of swerve up, and its own', () => {
    expect(parseArgs(['watch', 'app', '--port', '0', '--skip-build', '--debounce', '250'])).toMatchObject({
      kind: 'watch',
      app: 'app',
      port: 0,
      skipBuild: true,
      debounceMs: 250,
    });
    expect(parseArgs(['watch'])).toMatchObject({
      kind: 'watch',
      app: '.',
      skipBuild: false,
      debounceMs: 100,
    });
  });

  it.each([
    [['up', '--skip-build'], '--skip-build is for swerve watch. Run `swerve up --help` for the options.'],
    [['watch', '--debounce', 'soon'], /--debounce must be a whole number of milliseconds/],
  ])('%j is refused, saying why', (argv, message) => {
    expect(() => parseArgs(argv)).toThrow(message);
  });
});
