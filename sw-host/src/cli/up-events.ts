/**
 * What `swerve up` prints of what the browser saw, as `spin up` prints what a server sees: guest
 * stdout on standard output and stderr on standard error, prefixed by the component; the host's
 * warnings and errors (a deploy that failed, a trap, a deadline); and, unlike `spin up`, one line
 * per request (method, path, status, time), which people want while they develop.
 */
import { bareMessage } from '../errors.ts';
import type { HostEvent } from '../protocol/host-events.ts';
import { fromBrowser } from './terminal-text.ts';

export interface TerminalLine {
  stream: 'out' | 'err';
  text: string;
}

/**
 * The line printed for `event`. Everything in it came from the browser (a guest's output, a
 * path, a message), so it is escaped and cut as cli/terminal-text.ts says.
 */
export function terminalLine(event: HostEvent): TerminalLine {
  const line = unescapedLine(event);
  return { stream: line.stream, text: fromBrowser(line.text) };
}

function unescapedLine(event: HostEvent): TerminalLine {
  if (event.type === 'request') {
    const { method, path, status, component, timings } = event.record;
    const by = component ? ` (${component})` : '';
    return {
      stream: status >= 500 ? 'err' : 'out',
      text: `${method} ${path} → ${status}${by} in ${Number(timings?.totalMs).toFixed(1)} ms`,
    };
  }
  const { source, level, component, message } = event.record;
  if (source === 'stdout' || source === 'stderr') {
    return { stream: source === 'stdout' ? 'out' : 'err', text: `[${component ?? 'guest'}] ${message}` };
  }
  if (level === 'info') return { stream: 'out', text: message };
  return {
    stream: 'err',
    text: `${level === 'error' ? 'Error' : 'Warning'}: ${bareMessage(message)}`,
  };
}

/**
 * Reads a posted batch of events; anything that is not one is ignored (the endpoint is on
 * loopback, but any page of the origin can post to it).
 */
export function parseEvents(body: string): HostEvent[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return [];
  }
  if (!Array.isArray(parsed)) return [];
  return parsed.filter(
    (event): event is HostEvent =>
      typeof event === 'object' &&
      event !== null &&
      (event.type === 'log' || event.type === 'request') &&
      typeof event.record === 'object' &&
      event.record !== null &&
      (event.type === 'request'
        ? typeof event.record.path === 'string'
        : typeof event.record.message === 'string'),
  );
}
