/** Downloading a project as a Spin app zip, and reading what the user gives back. */
import type { BytesOf, Project } from '../project/project.ts';
import type { GivenFile } from '../sources/project-source.ts';
import { strippedOutputs } from '../syntax/runner-modules.ts';
import { folderName, toZip } from './spin-zip.ts';

/**
 * Downloads `project` as a Spin app zip. TypeScript comes with its stripped JavaScript beside it
 * (what the runner loads under `spin up`); a TypeScript file that cannot be stripped stops the
 * export with its error, as the zip would not run.
 */
export async function downloadProjectZip(project: Project, bytesOf: BytesOf): Promise<void> {
  let outputs;
  try {
    outputs = await strippedOutputs(project);
  } catch (error) {
    throw new Error(`Not exported: ${(error as Error).message}`, { cause: error });
  }
  const files = await Promise.all(
    project.files.map(async (file) => ({
      path: file.path,
      bytes: file.kind === 'text' ? new TextEncoder().encode(file.text) : await bytesOf(file),
    })),
  );
  for (const output of outputs)
    files.push({ path: output.path, bytes: new TextEncoder().encode(output.text) });
  const folder = folderName(project.name);
  const zip = toZip(folder, files);
  const url = URL.createObjectURL(new Blob([zip as Uint8Array<ArrayBuffer>], { type: 'application/zip' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = `${folder}.zip`;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Files chosen with an <input type=file> (with `webkitdirectory`, paths inside the folder). */
export async function givenFiles(list: FileList | File[]): Promise<GivenFile[]> {
  return Promise.all(
    [...list].map(async (file) => ({
      path: file.webkitRelativePath || file.name,
      bytes: new Uint8Array(await file.arrayBuffer()),
    })),
  );
}

/** Everything dropped: files, and folders walked to their files. */
export async function droppedFiles(items: DataTransferItemList): Promise<GivenFile[]> {
  const entries = [...items].flatMap((item) => {
    const entry = item.kind === 'file' ? item.webkitGetAsEntry() : null;
    return entry ? [entry] : [];
  });
  const found: GivenFile[] = [];
  const walk = async (entry: FileSystemEntry, prefix: string): Promise<void> => {
    if (entry.isFile) {
      const file = await new Promise<File>((resolve, reject) =>
        (entry as FileSystemFileEntry).file(resolve, reject),
      );
      found.push({ path: prefix + entry.name, bytes: new Uint8Array(await file.arrayBuffer()) });
      return;
    }
    const reader = (entry as FileSystemDirectoryEntry).createReader();
    // readEntries returns the entries in batches until it returns none.
    for (;;) {
      const batch = await new Promise<FileSystemEntry[]>((resolve, reject) =>
        reader.readEntries(resolve, reject),
      );
      if (!batch.length) break;
      for (const child of batch) await walk(child, `${prefix}${entry.name}/`);
    }
  };
  for (const entry of entries) await walk(entry, '');
  return found;
}
