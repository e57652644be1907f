/**
 * The page's side of the editor's TypeScript worker: it starts the worker on the first question
 * (so nothing of TypeScript is downloaded before a TypeScript file is opened, decision 0027),
 * sends the project's files when they changed, and answers each question with a promise.
 */
import type { ServiceFile } from './type-service.ts';
import type { TypeAnswers, TypeQuery, TypeRequest, TypeResponse } from './type-service-protocol.ts';

type Pending = { resolve: (answer: never) => void; reject: (error: Error) => void };

export class TypeServiceClient {
  #worker: Worker | undefined;
  #nextId = 1;
  #pending = new Map<number, Pending>();
  /** The files the worker has, by path, to send only a changed set. */
  #sent = new Map<string, string>();

  /** @param projectFiles the open project's text files now */
  constructor(private readonly projectFiles: () => ServiceFile[]) {}

  /**
   * Asks the worker about `query.path`, whose text is `text` in the editor (which may be ahead of
   * the project's saved copy).
   */
  ask<Q extends TypeQuery>(query: Q, text: string): Promise<TypeAnswers[Q['kind']]> {
    const files = this.projectFiles()
      .filter((file) => file.path !== query.path)
      .concat({ path: query.path, text });
    const request: TypeRequest = { id: this.#nextId++, query };
    if (files.length !== this.#sent.size || files.some((file) => this.#sent.get(file.path) !== file.text)) {
      request.files = files;
      this.#sent = new Map(files.map((file) => [file.path, file.text]));
    }
    return new Promise((resolve, reject) => {
      this.#pending.set(request.id, { resolve, reject });
      this.#start().postMessage(request);
    });
  }

  /** Stops the worker; questions still open are answered with an error. */
  destroy(): void {
    this.#worker?.terminate();
    this.#worker = undefined;
    this.#sent.clear();
    for (const pending of this.#pending.values())
      pending.reject(new Error('The TypeScript worker was stopped.'));
    this.#pending.clear();
  }

  #start(): Worker {
    if (this.#worker) return this.#worker;
    const worker = new Worker(new URL('./type-service.worker.ts', import.meta.url), {
      type: 'module',
      name: 'swerve-typescript',
    });
    worker.addEventListener('message', (event: MessageEvent<TypeResponse>) => {
      const response = event.data;
      const pending = this.#pending.get(response.id);
      this.#pending.delete(response.id);
      if ('error' in response) pending?.reject(new Error(`TypeScript help failed: ${response.error}`));
      else pending?.resolve(response.answer as never);
    });
    worker.addEventListener('error', (event) => {
      // A worker that cannot start (or crashed) answers nothing more: say so to every question.
      const error = new Error(`The TypeScript worker failed: ${event.message || 'it could not be loaded'}.`);
      // The editor goes on without type help (each question's error is dropped there): say why once.
      console.warn(
        `${error.message} The editor works on without TypeScript help; reopen the file to try again.`,
      );
      for (const pending of this.#pending.values()) pending.reject(error);
      this.#pending.clear();
      this.#worker = undefined;
      this.#sent.clear();
    });
    this.#worker = worker;
    return worker;
  }
}
