import { describe, expect, it } from 'vitest';
import { CUT_LINE_NOTE, lineStream, MAX_LOG_LINE_CHARS } from './line-stream.ts';

const bytes = (text: string) => new TextEncoder().encode(text);

function collect(steps: (stream: ReturnType<typeof lineStream>) => void): string[] {
  const lines: string[] = [];
  steps(lineStream((line) => lines.push(line)));
  return lines;
}

describe('lineStream', () => {
  it('gives whole lines as they are written', () => {
    expect(
      collect((s) => {
        s.write(bytes('one\ntw'));
        s.write(bytes('o\r\nthree\n'));
      }),
    ).toEqual(['one', 'two', 'three']);
  });

  it('gives a partial line on flush', () => {
    expect(
      collect((s) => {
        s.write(bytes('prompt> '));
        s.flush();
      }),
    ).toEqual(['prompt> ']);
  });

  it('gives one line for text, flush, newline (how console.log writes)', () => {
    expect(
      collect((s) => {
        s.write(bytes('echo: GET /'));
        s.blockingFlush();
        s.write(bytes('\n'));
        s.blockingFlush();
        s.write(bytes('next'));
        s.blockingFlush();
        s.write(bytes('\r\n'));
      }),
    ).toEqual(['echo: GET /', 'next']);
  });

  it('keeps an empty line that was written as one', () => {
    expect(
      collect((s) => {
        s.write(bytes('a\n'));
        s.flush();
        s.write(bytes('\nb\n'));
      }),
    ).toEqual(['a', '', 'b']);
  });

  it('does not split a character across writes', () => {
    const euro = bytes('€\n');
    expect(
      collect((s) => {
        s.write(euro.subarray(0, 1));
        s.write(euro.subarray(1));
      }),
    ).toEqual(['€']);
  });

  it('gives what is left when the stream is dropped', () => {
    expect(
      collect((s) => {
        s.write(bytes('last words'));
        s.drop();
      }),
    ).toEqual(['last words']);
  });
});

describe('a line longer than MAX_LOG_LINE_CHARS', () => {
  it('is cut at the limit, says so, and its rest is dropped up to its newline', () => {
    const long = 'x'.repeat(MAX_LOG_LINE_CHARS + 10);
    expect(collect((s) => s.write(bytes(`${long}\nnext\n`)))).toEqual([
      'x'.repeat(MAX_LOG_LINE_CHARS) + CUT_LINE_NOTE,
      'next',
    ]);
    expect(CUT_LINE_NOTE).toContain('MAX_LOG_LINE_CHARS');
  });

  it('never grows the pending line past the limit when the newline never comes', () => {
    const lines = collect((s) => {
      // 4 MB of output without a newline, in writes of 64 KB, flushed (which ends no line), then
      // the newline and another line.
      const chunk = bytes('y'.repeat(64 * 1024));
      for (let i = 0; i < 64; i++) s.write(chunk);
      s.flush();
      s.write(bytes('still the long line\nafter\n'));
    });
    expect(lines).toEqual(['y'.repeat(MAX_LOG_LINE_CHARS) + CUT_LINE_NOTE, 'after']);
  });

  it('keeps lines at the limit whole', () => {
    const exact = 'z'.repeat(MAX_LOG_LINE_CHARS);
    expect(collect((s) => s.write(bytes(`${exact}\n`)))).toEqual([exact]);
  });
});
