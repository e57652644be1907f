import { describe, expect, it } from 'vitest';
import type { NavigationOptIn } from '../manifest/types.ts';
import type { Arrival, SeenRequest } from './fetch-metadata.ts';
import { judgeNavigation, navigationHeaders, withHeaders } from './navigation-guard.ts';

const SITE = 'http://swerve.localhost:4173';
const A = 'http://a.swerve.localhost:4173';
const B = 'http://b.swerve.localhost:4173';
const EMBEDDER = 'http://127.0.0.1:4175';
const AT_B: Arrival = { origin: B, site: SITE, config: {} };
const DEFAULTS: NavigationOptIn = { frameAncestors: [], formsFrom: [] };

const nav = (referrer: string, method = 'GET', destination = 'document'): SeenRequest => ({
  method,
  mode: 'navigate',
  destination,
  referrer,
});
const judge = (request: SeenRequest, optIn = DEFAULTS) =>
  judgeNavigation(request, '/x', AT_B, [EMBEDDER], optIn);

describe('navigations into an app', () => {
  it("serve links from anywhere, and forms only from the app's own pages", () => {
    expect(judge(nav(`${A}/`))).toEqual({ kind: 'serve' });
    expect(judge(nav(''))).toEqual({ kind: 'serve' });
    expect(judge(nav(`${B}/form`, 'POST'))).toEqual({ kind: 'serve' });
    const forged = judge(nav(`${A}/`, 'POST'));
    expect(forged.kind).toBe('refuse');
    expect(forged.kind === 'refuse' && forged.reason).toMatch(
      /^Refused POST \/x from a page of http:\/\/a\.swerve\.localhost:4173 \(403\).*forms_from under \[application\.tool\.swerve\]/,
    );
    const hidden = judge(nav('', 'POST'));
    expect(hidden.kind === 'refuse' && hidden.reason).toContain('from a page that hid its referrer');
    expect(judge(nav(SITE, 'PUT', 'iframe')).kind).toBe('refuse');
  });

  it('let only the app, the site and embedders frame its documents', () => {
    for (const framer of [B, SITE, EMBEDDER])
      expect(judge(nav(`${framer}/p`, 'GET', 'iframe'))).toEqual({ kind: 'serve' });
    const framed = judge(nav(`${A}/p`, 'GET', 'iframe'));
    expect(framed.kind === 'refuse' && framed.reason).toMatch(
      /^Refused \/x in a frame of http:\/\/a\.swerve\.localhost:4173 \(403\).*frame_ancestors under \[application\.tool\.swerve\]/,
    );
    // Requests of the app's own documents are never judged.
    expect(judge({ method: 'POST', mode: 'cors', destination: '', referrer: `${A}/` })).toEqual({
      kind: 'serve',
    });
  });

  it('widen only for the origins the manifest names, and say so', () => {
    const optIn = { frameAncestors: [A], formsFrom: [A] };
    const framed = judge(nav(`${A}/`, 'GET', 'iframe'), optIn);
    expect(framed).toEqual({
      kind: 'serve',
      widened: `Served /x in a frame of ${A}, because frame_ancestors in [application.tool.swerve] in spin.toml allows it.`,
    });
    expect(judge(nav(`${A}/`, 'POST'), optIn)).toMatchObject({
      kind: 'serve',
      widened: expect.stringContaining('forms_from'),
    });
    expect(judge(nav('http://c.swerve.localhost:4173/', 'POST'), optIn).kind).toBe('refuse');
    expect(judge(nav('', 'POST'), { frameAncestors: [], formsFrom: ['*'] }).kind).toBe('serve');
  });
});

describe("a document's headers", () => {
  it('carry frame-ancestors for the app, the site, embedders and opted-in origins, and an agent cluster of its own', () => {
    expect(navigationHeaders(AT_B, [EMBEDDER], DEFAULTS)).toEqual([
      ['content-security-policy', `frame-ancestors 'self' ${SITE} ${EMBEDDER}`],
      ['origin-agent-cluster', '?1'],
    ]);
    expect(navigationHeaders(AT_B, [], { frameAncestors: [A], formsFrom: [] })[0]?.[1]).toBe(
      `frame-ancestors 'self' ${SITE} ${A}`,
    );
    expect(navigationHeaders({ ...AT_B, site: undefined }, [], DEFAULTS)[0]?.[1]).toBe(
      "frame-ancestors 'self'",
    );
  });

  it("keep the guest's own CSP beside them, so a guest can only narrow who frames it", () => {
    const guest = new Response('<p>hi</p>', {
      status: 201,
      headers: { 'content-security-policy': "frame-ancestors 'none'", 'x-app': '1' },
    });
    const served = withHeaders(guest, navigationHeaders(AT_B, [], DEFAULTS));
    expect(served.status).toBe(201);
    expect(served.headers.get('x-app')).toBe('1');
    expect(served.headers.get('content-security-policy')).toBe(
      `frame-ancestors 'none', frame-ancestors 'self' ${SITE}`,
    );
    expect(served.headers.get('origin-agent-cluster')).toBe('?1');
  });
});
