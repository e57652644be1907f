import { describe, expect, it } from 'vitest';
import { describeResponse } from './describe-response.ts';

describe('describeResponse', () => {
  it('shows status, timing, every header and the body', async () => {
    const response = new Response('hi', { status: 201, statusText: 'Created', headers: { 'x-a': '1' } });
    const shown = await describeResponse(response, 12.345);
    expect(shown.summary).toBe('201 Created in 12.3 ms');
    expect(shown.headers).toContain('x-a: 1');
    expect(shown.body).toBe('hi');
  });

  it('says so when the body is empty', async () => {
    const shown = await describeResponse(new Response(null, { status: 404 }), 1);
    expect(shown.summary).toBe('404 in 1.0 ms');
    expect(shown.body).toBe('(empty body)');
  });
});
