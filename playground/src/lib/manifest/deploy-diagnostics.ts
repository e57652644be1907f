/**
 * Turns a deploy error into diagnostics at lines of files. The host names every manifest
 * problem as `spin.toml:<line>: <sentence>` (sw-host/src/manifest/problems.ts), one per line.
 */

export interface Diagnostic {
  /** The project file it is about. */
  file: string;
  /** 1-based; undefined when the error names no line. */
  line?: number;
  /** 1-based; undefined when the error names no column (the whole line is marked). */
  column?: number;
  message: string;
}

const LOCATED = /^(?:\[swerve\] )?(?:Invalid Spin manifest\. )?([\w./-]+\.toml):(\d+): (.*)$/;

/** The diagnostics in an error message from a deploy of `manifestFile`. */
export function deployDiagnostics(message: string, manifestFile = 'spin.toml'): Diagnostic[] {
  const found: Diagnostic[] = [];
  for (const line of message.split('\n')) {
    const match = LOCATED.exec(line.trim());
    if (match && match[1] === manifestFile) {
      found.push({ file: manifestFile, line: Number(match[2]), message: match[3]! });
    }
  }
  return found;
}
