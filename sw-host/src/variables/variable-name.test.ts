import { describe, expect, it } from 'vitest';
import { variableNameProblem } from './variable-name.ts';

describe('variableNameProblem', () => {
  it.each(['a', 'abc', 'a1b2c3', 'a_1', 'a_1_b_3', 'api_token'])('accepts %j, as Spin does', (name) => {
    expect(variableNameProblem(name)).toBeUndefined();
  });

  it.each([
    ['', '"": must not be empty'],
    [
      'aX',
      `"aX": invalid character 'X'. Variable names may contain only lower-case letters, numbers, and underscores.`,
    ],
    [
      'x-y',
      `"x-y": invalid character '-'. Variable names may contain only lower-case letters, numbers, and underscores.`,
    ],
    [
      'x.y',
      `"x.y": invalid character '.'. Variable names may contain only lower-case letters, numbers, and underscores.`,
    ],
    [
      "it's",
      `"it's": invalid character '\\''. Variable names may contain only lower-case letters, numbers, and underscores.`,
    ],
    ['1bc', '"1bc": must start with a lowercase ASCII letter'],
    ['_x', '"_x": must start with a lowercase ASCII letter'],
    ['x_', '"x_": must end with a lowercase ASCII letter or digit'],
    ['a__b', '"a__b": must not contain multiple consecutive underscores'],
  ])('rejects %j with Spin’s reason', (name, message) => {
    expect(variableNameProblem(name)).toBe(message);
  });
});
