import { describe, expect, it } from 'vitest';
import { routeRequest, type RequestHeaders } from './up-routes.ts';

const HOST_FILES = new Set(['/sw.js', '/_swerve/up.js', '/_swerve/assets/x-abc.wasm']);
const navigation: RequestHeaders = { 'sec-fetch-mode': 'navigate', accept: 'text/html' };
const fetchMode: RequestHeaders = { 'sec-fetch-mode': 'cors', accept: '*/*' };
const curl: RequestHeaders = { accept: '*/*' };
const route = (pathname: string, headers: RequestHeaders = fetchMode, method = 'GET') =>
  routeRequest(method, pathname, headers, HOST_FILES);

describe('routeRequest', () => {
  it('bootstraps browser navigations to any app path', () => {
    for (const path of ['/', '/some/path', '/favicon.ico', '/_swervex']) {
      expect(route(path, navigation)).toEqual({ kind: 'bootstrap' });
    }
    // A browser without Sec-Fetch headers is recognised by what it accepts.
    expect(route('/x', { accept: 'text/html,application/xhtml+xml' })).toEqual({ kind: 'bootstrap' });
  });

  it('never answers an app path for other clients: they get the 503 that says where the app runs', () => {
    expect(route('/some/path', curl)).toEqual({ kind: 'not-a-browser' });
    expect(route('/some/path', fetchMode)).toEqual({ kind: 'not-a-browser' });
    expect(route('/form', navigation, 'POST')).toEqual({ kind: 'not-a-browser' });
  });

  it('sends every method on the relay path to the relay, which checks the rest itself', () => {
    expect(route('/_swerve/relay', fetchMode, 'POST')).toEqual({ kind: 'relay' });
    expect(route('/_swerve/relay')).toEqual({ kind: 'relay' });
  });

  it("serves the host's files, the empty catalog and the listing", () => {
    expect(route('/sw.js')).toEqual({ kind: 'host-file', path: '/sw.js' });
    expect(route('/_swerve/assets/x-abc.wasm')).toEqual({
      kind: 'host-file',
      path: '/_swerve/assets/x-abc.wasm',
    });
    expect(route('/_swerve/apps.json')).toEqual({ kind: 'catalog' });
    expect(route('/_swerve/app-files.json')).toEqual({ kind: 'listing' });
    expect(route('/_swerve/up', navigation)).toEqual({ kind: 'bootstrap' });
    expect(route('/_swerve/up', curl)).toEqual({ kind: 'not-a-browser' });
  });

  it('maps app files to folder paths, for the allowlist to decide', () => {
    expect(route('/_swerve/app/dist/echo.wasm')).toEqual({ kind: 'app-file', path: 'dist/echo.wasm' });
    expect(route('/_swerve/app/a%20b.txt')).toEqual({ kind: 'app-file', path: 'a b.txt' });
    expect(route('/_swerve/app/%2e%2e/secret')).toEqual({ kind: 'not-found' });
  });

  it('keeps the rest of the reserved prefix closed, and read-only', () => {
    expect(route('/_swerve/bootstrap.js.missing')).toEqual({ kind: 'not-found' });
    expect(route('/_swerve/', navigation)).toEqual({ kind: 'not-found' });
    expect(route('/sw.js', fetchMode, 'POST')).toEqual({ kind: 'method-not-allowed' });
    expect(route('/_swerve/app/spin.toml', fetchMode, 'PUT')).toEqual({ kind: 'method-not-allowed' });
  });
});
