import { describe, expect, it } from 'vitest';
import { spinVariablesGet, wasiConfigGet, wasiConfigGetAll } from './guest-api.ts';
import type { ComponentVariables } from './resolve.ts';

const component: ComponentVariables = {
  componentId: 'api',
  values: new Map([
    ['base_url', 'https://api.example.com/v1'],
    ['token', ''],
  ]),
};

describe('fermyon:spin/variables get', () => {
  it('returns a component variable', () => {
    expect(spinVariablesGet(component, 'base_url')).toEqual({ tag: 'ok', val: 'https://api.example.com/v1' });
    expect(spinVariablesGet(component, 'token')).toEqual({ tag: 'ok', val: '' });
  });

  it('answers undefined, with Spin’s text, for a name the component does not have', () => {
    expect(spinVariablesGet(component, 'missing')).toEqual({
      tag: 'err',
      val: { tag: 'undefined', val: 'no variable for "api"."missing"' },
    });
  });

  it('answers invalid-name before looking anything up', () => {
    expect(spinVariablesGet(component, 'Base_url')).toEqual({
      tag: 'err',
      val: {
        tag: 'invalid-name',
        val: `"Base_url": invalid character 'B'. Variable names may contain only lower-case letters, numbers, and underscores.`,
      },
    });
  });

  it('does not look names up on Object.prototype', () => {
    expect(spinVariablesGet(component, 'constructor')).toMatchObject({
      tag: 'err',
      val: { tag: 'undefined' },
    });
  });
});

describe('wasi:config/store', () => {
  it('get returns some(value)', () => {
    expect(wasiConfigGet(component, 'base_url')).toEqual({ tag: 'ok', val: 'https://api.example.com/v1' });
  });

  it('get returns none for undefined and for invalid names', () => {
    expect(wasiConfigGet(component, 'missing')).toEqual({ tag: 'ok', val: undefined });
    expect(wasiConfigGet(component, 'NOT-VALID')).toEqual({ tag: 'ok', val: undefined });
  });

  it('get-all returns every component variable in manifest order', () => {
    expect(wasiConfigGetAll(component)).toEqual({
      tag: 'ok',
      val: [
        ['base_url', 'https://api.example.com/v1'],
        ['token', ''],
      ],
    });
  });
});
