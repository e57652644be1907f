/**
 * The server reference: the same component under `jco serve` in Node, with a fresh instance
 * per request (`--isolate-requests instance`), answering the same sequential request loop from
 * Node over loopback.
 */
import { spawn, type ChildProcess } from 'node:child_process';

export interface JcoServer {
  url: string;
  stop(): void;
}

/** Starts `jco serve` on loopback and resolves once it listens. */
export async function startJcoServe(componentPath: string, port: number): Promise<JcoServer> {
  const child: ChildProcess = spawn(
    'npx',
    [
      'jco',
      'serve',
      '--isolate-requests',
      'instance',
      '--host',
      '127.0.0.1',
      '--port',
      String(port),
      componentPath,
    ],
    // Its own process group: jco serve runs the server in a child process of its own.
    { detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const stop = () => {
    try {
      process.kill(-child.pid!, 'SIGTERM');
    } catch {
      // Already gone.
    }
  };
  let output = '';
  const listening = new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('listening')) resolve();
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`jco serve exited with ${code}: ${output}`)));
  });
  const timeout = new Promise<never>((_, reject) =>
    setTimeout(() => reject(new Error(`jco serve did not start within 60 s: ${output}`)), 60_000).unref(),
  );
  try {
    await Promise.race([listening, timeout]);
  } catch (error) {
    stop();
    throw error;
  }
  return { url: `http://127.0.0.1:${port}/`, stop };
}

/** Times `count` sequential GETs from Node; throws if any answer is not 200. */
export async function nodeSequentialLatencies(url: string, count: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    const response = await fetch(url);
    await response.arrayBuffer();
    times.push(performance.now() - started);
    if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
  }
  return times;
}
