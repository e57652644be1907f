import { describe, expect, it } from 'vitest';
import { kebabIdProblem, lowerSnakeIdProblem, storeLabelProblem, suggestId } from './ids.ts';

describe('kebab ids (components)', () => {
  it.each(['api', 'my-component', 'a1', 'api-v2', 'my-API', 'ABC'])('accepts %j', (id) => {
    expect(kebabIdProblem(id)).toBeUndefined();
  });

  it.each([
    ['', 'it is empty'],
    ['my_api', "words must be separated with '-', not '_'"],
    ['my--api', "'-'-separated words must not be empty"],
    ['-api', "'-'-separated words must not be empty"],
    ['1api', "'-'-separated words must start with an ASCII letter; got '1'"],
    ['api-2', "'-'-separated words must start with an ASCII letter; got '2'"],
    ['my.api', "'-'-separated words may only contain alphanumeric ASCII; got '.'"],
    ['myApi', `'-'-separated words must be all lowercase or all UPPERCASE; got "myApi"`],
  ])('rejects %j: %s', (id, reason) => {
    expect(kebabIdProblem(id)).toBe(reason);
  });
});

describe('lower_snake names (variables)', () => {
  it.each(['a', 'api_token', 'v2', 'api_v2'])('accepts %j', (name) => {
    expect(lowerSnakeIdProblem(name)).toBeUndefined();
  });

  it.each([
    ['api-token', "words must be separated with '_', not '-'"],
    // Spin's guest-side rule accepts `a_1`, but a declared name's words must start with a letter.
    ['a_1', "'_'-separated words must start with an ASCII letter; got '1'"],
    ['API_TOKEN', 'names must be all lowercase; got "API_TOKEN"'],
    ['api__token', "'_'-separated words must not be empty"],
    ['token_', "'_'-separated words must not be empty"],
  ])('rejects %j: %s', (name, reason) => {
    expect(lowerSnakeIdProblem(name)).toBe(reason);
  });
});

describe('store labels', () => {
  it.each(['default', 'my-store', 'my_store', 'MY_STORE'])('accepts %j', (label) => {
    expect(storeLabelProblem(label)).toBeUndefined();
  });

  it.each(['my store', 'my-store_2', ''])('rejects %j', (label) => {
    expect(storeLabelProblem(label)).toBe('expected kebab-case or snake_case');
  });
});

describe('suggestId', () => {
  it.each<[string, 'kebab' | 'lower-snake', string | undefined]>([
    ['my_api', 'kebab', 'my-api'],
    ['myApi', 'kebab', 'my-api'],
    ['My Component', 'kebab', 'my-component'],
    ['apiToken', 'lower-snake', 'api_token'],
    ['API-TOKEN', 'lower-snake', 'api_token'],
    ['1api', 'kebab', undefined],
    ['api', 'kebab', undefined],
  ])('%j as %s → %j', (id, style, suggestion) => {
    expect(suggestId(id, style)).toBe(suggestion);
  });
});
