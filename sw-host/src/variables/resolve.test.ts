import { describe, expect, it } from 'vitest';
import { SwerveError } from '../errors.ts';
import type { VariableDeclaration } from './declaration.ts';
import { resolveApplicationVariables, resolveComponentVariables } from './resolve.ts';

const declarations: Record<string, VariableDeclaration> = {
  api_token: { required: true, secret: true },
  host: { required: false, default: 'api.example.com', secret: false },
  region: { required: false, default: 'eu', secret: false },
};

function failure(run: () => unknown): SwerveError {
  try {
    run();
  } catch (error) {
    if (error instanceof SwerveError) return error;
    throw error;
  }
  throw new Error('expected a SwerveError');
}

describe('resolveApplicationVariables', () => {
  it('takes defaults, and overrides over defaults', () => {
    const values = resolveApplicationVariables(declarations, { api_token: 's3cret', region: 'us' }, 'shop');
    expect([...values]).toEqual([
      ['api_token', 's3cret'],
      ['host', 'api.example.com'],
      ['region', 'us'],
    ]);
  });

  it('accepts the SPIN_VARIABLE_<NAME> spelling', () => {
    const values = resolveApplicationVariables(declarations, { SPIN_VARIABLE_API_TOKEN: 't' }, 'shop');
    expect(values.get('api_token')).toBe('t');
  });

  it('counts an empty override as a value, as an empty env var is for Spin', () => {
    const values = resolveApplicationVariables(declarations, { api_token: '', host: '' }, 'shop');
    expect(values.get('api_token')).toBe('');
    expect(values.get('host')).toBe('');
  });

  it('fails a deploy that leaves a required variable without a value', () => {
    const error = failure(() => resolveApplicationVariables(declarations, {}, 'shop'));
    expect(error.code).toBe('manifest-invalid');
    expect(error.message).toBe(
      '[swerve] App "shop" cannot be deployed: the variable "api_token" is required and has no value; give it one when you deploy, as the override { api_token: "..." } (what SPIN_VARIABLE_API_TOKEN does for spin up).',
    );
  });

  it('rejects overrides for variables the app does not declare, suggesting the right spelling', () => {
    const error = failure(() =>
      resolveApplicationVariables(declarations, { api_token: 'x', 'API-TOKEN': 'y', hots: 'z' }, 'shop'),
    );
    expect(error.message).toBe(
      [
        '[swerve] App "shop" cannot be deployed, for 2 reasons:',
        '- The override "API-TOKEN" names no variable of the app; write it as "api_token" (or SPIN_VARIABLE_API_TOKEN).',
        '- The override "hots" names no variable of the app, which declares "api_token", "host", "region"; check the spelling, or declare it in [variables].',
      ].join('\n'),
    );
  });

  it('does not let an override key reach Object.prototype', () => {
    const error = failure(() => resolveApplicationVariables({}, { constructor: 'x' }, 'shop'));
    expect(error.message).toContain(
      '"constructor" names no variable of the app, which declares no variables',
    );
  });
});

describe('resolveComponentVariables', () => {
  const values = new Map([
    ['host', 'api.example.com'],
    ['api_token', 't0k'],
  ]);

  it('expands templates over application variables', () => {
    const component = resolveComponentVariables(
      'api',
      { base_url: 'https://{{ host }}/v1', token: '{{api_token}}', plain: 'as is' },
      values,
    );
    expect(component.componentId).toBe('api');
    expect([...component.values]).toEqual([
      ['base_url', 'https://api.example.com/v1'],
      ['token', 't0k'],
      ['plain', 'as is'],
    ]);
  });

  it('refuses a template over an undeclared variable', () => {
    const error = failure(() => resolveComponentVariables('api', { url: '{{ nope }}' }, values));
    expect(error.message).toBe(
      '[swerve] Component "api" variable "url" cannot be expanded from "{{ nope }}": it names a variable that [variables] does not declare. Declare every {{ name }} it uses in [variables].',
    );
  });

  it('refuses a malformed template', () => {
    const error = failure(() => resolveComponentVariables('api', { url: '{{ host' }, values));
    expect(error.message).toContain(`cannot be expanded from "{{ host": unmatched '{{' in template.`);
  });
});
