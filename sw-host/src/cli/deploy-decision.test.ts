import { describe, expect, it } from 'vitest';
import { deployDecision } from './deploy-decision.ts';

const listing = { name: 'echo', version: 'v2' };
const app = (name: string, mount: string, origin: 'site' | 'deployed' = 'deployed') => ({
  name,
  mount,
  origin,
});

describe('deployDecision', () => {
  it('deploys on a first visit', () => {
    expect(deployDecision(listing, [], null, false)).toEqual({ remove: [], deploy: true });
  });

  it('does nothing when this browser deployed this version and the app is there', () => {
    expect(deployDecision(listing, [app('echo', '/')], 'v2', false)).toEqual({ remove: [], deploy: false });
  });

  it('redeploys when the server has another version, or the app is gone, or when asked', () => {
    expect(deployDecision(listing, [app('echo', '/')], 'v1', false).deploy).toBe(true);
    expect(deployDecision(listing, [], 'v2', false).deploy).toBe(true);
    expect(deployDecision(listing, [app('echo', '/apps/echo/')], 'v2', false).deploy).toBe(true);
    expect(deployDecision(listing, [app('echo', '/')], 'v2', true).deploy).toBe(true);
  });

  it('removes another app deployed at / (an earlier swerve up on this origin), not site apps or other mounts', () => {
    const apps = [app('hello', '/'), app('echo', '/'), app('kv', '/apps/kv/'), app('site', '/', 'site')];
    expect(deployDecision(listing, apps, 'v2', false)).toEqual({ remove: ['hello'], deploy: false });
  });
});
