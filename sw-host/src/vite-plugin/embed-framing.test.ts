import { describe, expect, it } from 'vitest';
import { refusedEmbedFraming } from './embed-framing.ts';

const frame = (site: string, dest = 'iframe') => ({ 'sec-fetch-site': site, 'sec-fetch-dest': dest });

describe('the embed page, as the server answers it', () => {
  it("is refused to a frame a page of the site's own domain (an app) navigated", () => {
    expect(refusedEmbedFraming('/embed', frame('same-site'))).toContain("this site's own domain");
    expect(refusedEmbedFraming('/embed.html', frame('same-site', 'frame'))).toBeDefined();
  });

  it('is served to the site itself, to other sites, to a tab, and to clients that send no metadata', () => {
    expect(refusedEmbedFraming('/embed', frame('same-origin'))).toBeUndefined();
    expect(refusedEmbedFraming('/embed', frame('cross-site'))).toBeUndefined();
    expect(refusedEmbedFraming('/embed', frame('same-site', 'document'))).toBeUndefined();
    expect(refusedEmbedFraming('/embed', {})).toBeUndefined();
    expect(refusedEmbedFraming('/view', frame('same-site'))).toBeUndefined();
  });
});
