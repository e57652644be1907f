/**
 * The messages between the editor and its TypeScript worker (type-service.worker.ts): each
 * request names a file and carries the project's files when they changed since the last one.
 */
import type { ServiceFile, TypeCompletions, TypeDiagnostic, TypeInfo } from './type-service.ts';

export type TypeQuery =
  | { kind: 'diagnostics'; path: string }
  | { kind: 'completions'; path: string; position: number }
  | { kind: 'completionInfo'; path: string; position: number; name: string }
  | { kind: 'hover'; path: string; position: number };

/** What each query answers. */
export interface TypeAnswers {
  diagnostics: TypeDiagnostic[];
  completions: TypeCompletions | undefined;
  completionInfo: TypeInfo | undefined;
  hover: TypeInfo | undefined;
}

export interface TypeRequest {
  id: number;
  /** The project's files, when they changed since the previous request. */
  files?: ServiceFile[];
  query: TypeQuery;
}

export type TypeResponse = { id: number; answer: unknown } | { id: number; error: string };
