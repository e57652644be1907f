/**
 * Text that came from a browser or an app, made safe to print in the user's terminal.
 *
 * A terminal obeys the control characters it is given: an escape sequence can clear the screen,
 * recolour or hide text, set the window title, or (in some terminals) write to the clipboard or
 * run a query whose answer is typed in as input; a carriage return rewrites the line before it.
 * A guest's output, a manifest's strings and anything posted to the server are an author's or a
 * page's to choose, so every such character is printed as its escape (`\x1b`, `\r`, `\u202e`)
 * and the user sees what was sent instead of its effect.
 */

/**
 * The most characters of one message from the browser that are printed; the rest is cut, with
 * a note saying how much. A guest printing a megabyte on one line would bury everything else.
 */
export const TERMINAL_LINE_LIMIT = 2000;

/**
 * C0 controls except tab and newline, DEL, C1 controls (0x9b starts a sequence in some
 * terminals), and the bidirectional overrides and isolates that reorder what is shown.
 */
// eslint-disable-next-line no-control-regex
const UNPRINTABLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

function escapeOf(char: string): string {
  const code = char.charCodeAt(0);
  if (char === '\r') return '\\r';
  return code <= 0xff
    ? `\\x${code.toString(16).padStart(2, '0')}`
    : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** `text` with every control character but tab and newline written as its escape. */
export function printable(text: string): string {
  return text.replace(UNPRINTABLE, escapeOf);
}

/**
 * A message from the browser (a guest's line, a host event, a request's path) as one printed
 * entry: control characters escaped, at most {@link TERMINAL_LINE_LIMIT} characters, and every
 * line after the first indented, so that nothing posted can pass for a line of `swerve up`'s own.
 */
export function fromBrowser(text: string): string {
  const cut =
    text.length > TERMINAL_LINE_LIMIT
      ? `${text.slice(0, TERMINAL_LINE_LIMIT)}… (${text.length - TERMINAL_LINE_LIMIT} more characters not shown: over the ${TERMINAL_LINE_LIMIT}-character limit of a line printed here; the browser's console has it whole)`
      : text;
  return printable(cut).replace(/\n/g, '\n    ');
}
