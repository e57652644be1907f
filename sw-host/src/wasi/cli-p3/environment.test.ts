import { describe, expect, it } from 'vitest';
import { createWasiImports } from '../wasi-imports.ts';
import { createP3Environment } from './environment.ts';

const ENVIRONMENT = { GREETING: 'hello', EMPTY: '', 'WITH=EQUALS': 'a=b' };

/** What a WASI 0.2 instance given `environment` gets from wasi:cli/environment. */
function wasiP2Environment(environment: Record<string, string>) {
  const imports = createWasiImports({
    stdout: () => undefined,
    stderr: () => undefined,
    environment,
    outbound: { send: () => Promise.reject(new Error('unused')) },
  });
  return imports['wasi:cli/environment'] as {
    getEnvironment(): [string, string][];
    getArguments(): string[];
    initialCwd(): string | undefined;
  };
}

describe('wasi:cli/environment@0.3 (createP3Environment)', () => {
  it('gives the environment, arguments and initial directory a WASI 0.2 instance gets', () => {
    const p3 = createP3Environment(ENVIRONMENT);
    const p2 = wasiP2Environment(ENVIRONMENT);
    expect(p3.getEnvironment()).toEqual([
      ['GREETING', 'hello'],
      ['EMPTY', ''],
      ['WITH=EQUALS', 'a=b'],
    ]);
    expect(p3.getEnvironment()).toEqual(p2.getEnvironment());
    expect(p3.getArguments()).toEqual([]);
    expect(p3.getArguments()).toEqual(p2.getArguments());
    expect(p3.getInitialCwd()).toBe(p2.initialCwd());
  });

  it('each instance has its own: what a guest does to a list it was given changes nothing', () => {
    const one = createP3Environment({ A: '1' });
    const given = one.getEnvironment();
    given[0]![1] = 'changed';
    given.push(['B', '2']);
    expect(one.getEnvironment()).toEqual([['A', '1']]);
    expect(createP3Environment({ B: '2' }).getEnvironment()).toEqual([['B', '2']]);
  });
});
