/** A shared app as the same Spin app zip the playground exports (lib/export), downloaded. */
import { folderName, toZip } from '../export/spin-zip.ts';
import { asProjectFiles, strippedOutputs } from '../syntax/runner-modules.ts';
import type { SharedApp } from './share-link.ts';
import { sharedFileBytes, type SiteRunner } from './shared-app.ts';

export async function sharedAppZip(app: SharedApp, runner: SiteRunner): Promise<Uint8Array> {
  const files = await Promise.all(
    Object.entries(app.files).map(async ([path, file]) => ({
      path,
      bytes: await sharedFileBytes(file, runner),
    })),
  );
  // TypeScript with its JavaScript beside it, as the playground exports it.
  for (const output of await strippedOutputs(asProjectFiles(app.files))) {
    files.push({ path: output.path, bytes: new TextEncoder().encode(output.text) });
  }
  return toZip(folderName(app.name), files);
}

export async function downloadSharedZip(app: SharedApp, runner: SiteRunner): Promise<void> {
  const zip = await sharedAppZip(app, runner);
  const url = URL.createObjectURL(new Blob([zip as Uint8Array<ArrayBuffer>], { type: 'application/zip' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = `${folderName(app.name)}.zip`;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
