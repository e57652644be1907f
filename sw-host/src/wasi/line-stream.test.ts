import { describe, expect, it } from 'vitest';
import { lineStream } from './line-stream.ts';

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
