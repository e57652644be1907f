/**
 * The editor's TypeScript language service, in a worker of its own so that checking a project
 * never holds up typing. Started by type-service-client.ts when a TypeScript file is first opened;
 * TypeScript and the runner's declarations are in this worker's bundle only (decision 0027).
 */
import library from 'virtual:swerve-type-library';
import { TypeService } from './type-service.ts';
import type { TypeAnswers, TypeQuery, TypeRequest, TypeResponse } from './type-service-protocol.ts';

const service = new TypeService(
  library.files,
  library.libs,
  library.libDirectory,
  library.runnerTypesDirectory,
);

function answer(query: TypeQuery): TypeAnswers[TypeQuery['kind']] {
  switch (query.kind) {
    case 'diagnostics':
      return service.diagnostics(query.path);
    case 'completions':
      return service.completions(query.path, query.position);
    case 'completionInfo':
      return service.completionInfo(query.path, query.position, query.name);
    case 'hover':
      return service.hover(query.path, query.position);
  }
}

addEventListener('message', (event: MessageEvent<TypeRequest>) => {
  const { id, files, query } = event.data;
  let response: TypeResponse;
  try {
    if (files) service.setFiles(files);
    response = { id, answer: answer(query) };
  } catch (error) {
    response = { id, error: error instanceof Error ? error.message : String(error) };
  }
  postMessage(response);
});
