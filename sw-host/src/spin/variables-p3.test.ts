import { describe, expect, it } from 'vitest';
import { createSpinVariablesP3 } from './variables-p3.ts';
import { createSpinVariables } from './variables.ts';
import type { ComponentVariables } from '../variables/index.ts';

const VARIABLES: ComponentVariables = {
  componentId: 'api',
  values: new Map([['greeting', 'hello']]),
} as ComponentVariables;

describe('spin:variables@3.0.0', () => {
  const { get } = createSpinVariablesP3(VARIABLES);
  const p2 = createSpinVariables(VARIABLES);

  it('answers a variable of the component, asynchronously', async () => {
    const answer = get('greeting');
    expect(answer).toBeInstanceOf(Promise);
    expect(await answer).toEqual({ tag: 'ok', val: 'hello' });
  });

  it('gives the errors 2.0 gives: undefined for an unknown name, invalid-name for a malformed one', async () => {
    expect(await get('missing')).toEqual({
      tag: 'err',
      val: { tag: 'undefined', val: 'no variable for "api"."missing"' },
    });
    expect(await get('Not-Valid')).toMatchObject({ tag: 'err', val: { tag: 'invalid-name' } });
    for (const name of ['greeting', 'missing', 'Not-Valid', ''])
      expect(await get(name)).toEqual(p2.get(name));
  });
});
