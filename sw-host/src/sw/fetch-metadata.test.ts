import { describe, expect, it } from 'vitest';
import { fetchMetadata, type Arrival, type SeenRequest } from './fetch-metadata.ts';

const B = 'http://b.swerve.localhost:4173';
const AT_B: Arrival = { origin: B, site: 'http://swerve.localhost:4173', config: {} };

const navigation = (referrer: string, method = 'GET', destination = 'document'): SeenRequest => ({
  method,
  mode: 'navigate',
  destination,
  referrer,
});

describe('the fetch metadata a guest gets', () => {
  it("tells its own documents' requests apart from navigations of other apps and other sites", () => {
    const own = fetchMetadata({ method: 'POST', mode: 'cors', destination: '', referrer: `${B}/page` }, AT_B);
    expect(Object.fromEntries(own)).toEqual({
      'sec-fetch-site': 'same-origin',
      'sec-fetch-mode': 'cors',
      'sec-fetch-dest': 'empty',
      origin: B,
      referer: `${B}/page`,
    });
    const fromA = Object.fromEntries(
      fetchMetadata(navigation('http://a.swerve.localhost:4173/', 'POST', 'iframe'), AT_B),
    );
    expect(fromA).toMatchObject({
      'sec-fetch-site': 'same-site',
      'sec-fetch-mode': 'navigate',
      'sec-fetch-dest': 'iframe',
      origin: 'http://a.swerve.localhost:4173',
    });
    expect(Object.fromEntries(fetchMetadata(navigation('https://evil.example/x'), AT_B))).toEqual({
      'sec-fetch-site': 'cross-site',
      'sec-fetch-mode': 'navigate',
      'sec-fetch-dest': 'document',
      referer: 'https://evil.example/x',
    });
  });

  it('assumes the worst when the browser hid the referrer: cross-site, and Origin null for a form', () => {
    const hidden = Object.fromEntries(fetchMetadata(navigation('', 'POST'), AT_B));
    expect(hidden).toEqual({
      'sec-fetch-site': 'cross-site',
      'sec-fetch-mode': 'navigate',
      'sec-fetch-dest': 'document',
      origin: 'null',
    });
  });

  it('under swerve up (no site) knows only its own origin', () => {
    const up: Arrival = { origin: 'http://127.0.0.1:3000', site: undefined, config: {} };
    expect(
      Object.fromEntries(fetchMetadata(navigation('http://127.0.0.1:3000/'), up))['sec-fetch-site'],
    ).toBe('same-origin');
    expect(
      Object.fromEntries(fetchMetadata(navigation('http://127.0.0.2:3000/'), up))['sec-fetch-site'],
    ).toBe('cross-site');
  });
});
