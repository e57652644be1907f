/** An answer the console shows: what was asked, what came back, and which version of the code answered. */
import type { RequestRecord } from 'swerve/client';
import type { RequestSpec } from './request-spec.ts';
import type { ShownBody } from './response-body.ts';

/**
 * The most of an answer a project keeps across reloads (JSON characters). A larger answer is kept
 * without its body, which says so; sending the request again shows all of it.
 */
export const MAX_KEPT_ANSWER_CHARS = 256 * 1024;

export interface Answer {
  request: RequestSpec;
  status: number;
  statusText: string;
  headers: [string, string][];
  body: ShownBody;
  ms: number;
  /** When it came back (ms since the epoch): tells one answer from another. */
  at: number;
  /** The host's record of the request (its timings, its error), once it has arrived. */
  record?: RequestRecord;
  /** The deploy that answered: 1 for this session's first; 0 for one kept from before a reload. */
  version: number;
  /** The edits that version was built from (AppSession.edits). */
  edits: number;
  /** Sent by the live loop after a deploy, not by the user. */
  resent: boolean;
}

/** `answer` as a project keeps it: from before the reload, its body left out if too large. */
export function keptAnswer(answer: Answer): Answer {
  const kept: Answer = { ...answer, version: 0, edits: 0 };
  if (JSON.stringify(kept).length <= MAX_KEPT_ANSWER_CHARS) return kept;
  return {
    ...kept,
    body: {
      kind: 'text',
      text: `(The body is not kept across reloads: the answer is larger than ${MAX_KEPT_ANSWER_CHARS / 1024} KiB, MAX_KEPT_ANSWER_CHARS. Send the request again to see it.)`,
    },
  };
}
