import { describe, expect, it } from 'vitest';
import type { PoolAttach, PoolControl } from '../guest-pool/messages.ts';
import { GuestWorkers, guestPoolSize, type StartedWorker } from './guest-workers.ts';

describe('guestPoolSize', () => {
  it('starts a worker per core, at least 2 and at most 4', () => {
    expect([1, 2, 3, 4, 8, 64].map(guestPoolSize)).toEqual([2, 2, 3, 4, 4, 4]);
  });

  it('starts 2 where the browser does not say how many cores it has', () => {
    expect(guestPoolSize(undefined)).toBe(2);
    expect(guestPoolSize(0)).toBe(2);
  });
});

/** Workers that say they run `builds()` at the time they are spawned, and a controller that records attaches. */
function fakePage(build: () => string, pageBuild = build()) {
  const spawned: { index: number; build: string; terminated: boolean }[] = [];
  const attaches: PoolAttach[] = [];
  const warnings: string[] = [];
  const spawn = (index: number): StartedWorker => {
    const record = { index, build: build(), terminated: false };
    spawned.push(record);
    return {
      postMessage: () => undefined,
      terminate: () => void (record.terminated = true),
      build: Promise.resolve(record.build),
    };
  };
  const controller = { postMessage: (message: unknown) => attaches.push(message as PoolAttach) };
  const workers = new GuestWorkers(
    2,
    spawn,
    () => controller,
    pageBuild,
    (message) => warnings.push(message),
  );
  const close = () =>
    attaches.forEach((attach) => [attach.control, ...attach.workers].forEach((port) => port.close()));
  return { workers, spawned, attaches, warnings, close };
}

/** The service worker's answer on the control port of `attach`. */
async function answer(attach: PoolAttach, control: PoolControl): Promise<void> {
  const channel = attach.control;
  channel.postMessage(control);
  await new Promise((resolve) => setTimeout(resolve, 0));
}

describe('GuestWorkers', () => {
  it('attaches its workers with the build they say they run', async () => {
    const page = fakePage(() => 'b1');
    await page.workers.attach();
    expect(page.attaches).toHaveLength(1);
    expect(page.attaches[0]).toMatchObject({ kind: 'guest-pool', build: 'b1' });
    expect(page.attaches[0]!.workers).toHaveLength(2);
    page.close();
  });

  it('attaches at once as running the page build, and again with the build the workers say if it differs', async () => {
    // The site was deployed between the page's load and its workers': they load the new scripts.
    const page = fakePage(() => 'b2', 'b1');
    await page.workers.attach();
    expect(page.attaches.map((attach) => attach.build)).toEqual(['b1', 'b2']);
    expect(page.spawned).toHaveLength(2);
    page.close();
  });

  it('starts fresh workers when the service worker refuses the pool, and attaches them if they run its build', async () => {
    let deployed = 'b1';
    const page = fakePage(() => deployed);
    await page.workers.attach();
    // The site is deployed; the new service worker (b2) takes over and refuses the old workers.
    deployed = 'b2';
    await answer(page.attaches[0]!, { kind: 'refused', build: 'b2', reason: 'another build' });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(page.spawned.filter((worker) => worker.build === 'b1').every((worker) => worker.terminated)).toBe(
      true,
    );
    expect(page.spawned.filter((worker) => worker.build === 'b2')).toHaveLength(2);
    expect(page.attaches.map((attach) => attach.build)).toEqual(['b1', 'b2']);
    page.close();
  });

  it('does not attach fresh workers of yet another build (the service worker is the stale one)', async () => {
    const page = fakePage(() => 'b2');
    await page.workers.attach();
    await answer(page.attaches[0]!, { kind: 'refused', build: 'b1', reason: 'another build' });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(page.spawned).toHaveLength(4);
    expect(page.attaches).toHaveLength(1);
    expect(page.warnings.join('\n')).toContain('not attached');
    page.close();
  });
});
