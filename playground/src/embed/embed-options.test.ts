import { describe, expect, it } from 'vitest';
import { embedUrl } from './api/create-embed.ts';
import { EmbedOptionError, embedQuery, parseEmbedOptions } from './embed-options.ts';

function errorOf(search: string): string {
  try {
    parseEmbedOptions(search);
  } catch (error) {
    if (error instanceof EmbedOptionError) return error.message;
    throw error;
  }
  throw new Error(`${search} was accepted`);
}

describe('embed options', () => {
  it('read the views, theme, first request and editability from the query', () => {
    expect(
      parseEmbedOptions(
        '?views=console,preview,code,logs&theme=dark&method=post&path=/hello&body=hi&editable=1',
      ),
    ).toEqual({
      views: ['console', 'preview', 'code', 'logs'],
      theme: 'dark',
      request: { method: 'POST', path: '/hello', body: 'hi' },
      editable: true,
    });
  });

  it('default to the console, code and logs, the system theme, the link’s request and read-only code', () => {
    expect(parseEmbedOptions('')).toEqual({ views: ['console', 'code', 'logs'], editable: false });
    expect(parseEmbedOptions('?path=/x').request).toEqual({ method: 'GET', path: '/x' });
    expect(parseEmbedOptions('?views=logs,logs,console').views).toEqual(['logs', 'console']);
  });

  it('say which option is wrong and what it takes', () => {
    expect(errorOf('?views=consol')).toMatch(/view "consol".*console, preview, code, logs/);
    expect(errorOf('?views=')).toMatch(/no views/);
    expect(errorOf('?theme=blue')).toMatch(/theme= takes light or dark/);
    expect(errorOf('?path=hello')).toMatch(/starts with "\/"/);
    expect(errorOf('?method=G%20T')).toMatch(/not an HTTP method/);
    expect(errorOf('?editable=yes')).toMatch(/1 \(editable\) or 0/);
  });

  it('are written by the embed API in the form the embed page reads back', () => {
    const options = {
      views: ['code' as const, 'console' as const],
      theme: 'light' as const,
      request: { method: 'PUT', path: '/a?b=c&d', body: 'x&y' },
      editable: true,
    };
    expect(parseEmbedOptions(embedQuery(options))).toEqual(options);
    expect(embedQuery({ views: ['console', 'logs'] })).toBe('views=console,logs');
    const url = new URL(
      embedUrl('http://swerve.localhost:4173/docs/', '#v1.abc', {
        views: ['console'],
        request: { path: '/hi' },
      }),
    );
    expect(url.origin + url.pathname).toBe('http://swerve.localhost:4173/embed');
    expect(url.hash).toBe('#v1.abc');
    expect(parseEmbedOptions(url.search)).toEqual({
      views: ['console'],
      request: { method: 'GET', path: '/hi' },
      editable: false,
    });
    // A whole share link works as the app too: only its fragment is kept.
    expect(embedUrl('http://s.localhost', 'http://s.localhost/view#v1.xyz', {})).toBe(
      'http://s.localhost/embed#v1.xyz',
    );
  });
});
