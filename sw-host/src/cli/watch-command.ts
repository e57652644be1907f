/**
 * `swerve watch`: `swerve up --build`, then the folder watcher, as `spin watch` is `spin build`
 * and `spin up` again on every change. Here the server keeps running: only the browsers
 * redeploy, and the app's open tabs reload by themselves.
 */
import type { WatchOptions } from './args.ts';
import { FolderWatcher } from './folder-watcher.ts';
import { up, type CommandIo, type RunningUp } from './up-command.ts';
import { VersionFeed } from './version-feed.ts';

export async function watchApp(
  options: WatchOptions,
  io: CommandIo,
): Promise<RunningUp & { watcher: FolderWatcher }> {
  const { skipBuild, debounceMs, ...rest } = options;
  const feed = new VersionFeed('');
  const running = await up({ ...rest, kind: 'up', build: !skipBuild }, io, feed);
  const watcher = new FolderWatcher({
    folder: running.folder,
    feed,
    debounceMs,
    skipBuild,
    out: io.out,
    err: io.err,
  });
  await watcher.start();
  io.out(
    skipBuild
      ? 'Watching the built files: open tabs reload when they change.'
      : "Watching the components' watch globs: a change rebuilds, and open tabs reload.",
  );
  return {
    ...running,
    watcher,
    close: async () => {
      watcher.close();
      feed.close();
      await running.close();
    },
  };
}
