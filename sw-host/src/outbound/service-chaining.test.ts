import { describe, expect, it } from 'vitest';
import { serviceChainingTarget } from './service-chaining.ts';

describe('serviceChainingTarget', () => {
  it.each([
    ['api.spin.internal', 'api'],
    ['api.spin.internal:80', 'api'],
    ['my-component.spin.internal', 'my-component'],
    ['a.b.spin.internal', undefined],
    ['spin.internal', undefined],
    ['api.spin.internal.example.com', undefined],
    ['example.com', undefined],
  ])('%j → %j', (host, target) => {
    expect(serviceChainingTarget(host)).toBe(target);
  });
});
