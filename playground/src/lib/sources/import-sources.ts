/** Projects from what the user already has: a built component, a Spin app folder, a zip of one. */
import { appFiles, fromZip } from '../export/spin-zip.ts';
import { asText } from '../project/file-kind.ts';
import type { DraftFile, ProjectDraft } from '../project/project.ts';
import { idFromFileName, wasmManifest } from '../manifest/wrap-wasm.ts';
import { summariseManifest } from '../manifest/manifest-summary.ts';
import { withoutStrippedOutputs } from '../syntax/runner-modules.ts';
import { registerSource, type GivenFile } from './project-source.ts';
import { readComponentSurface } from 'swerve/component-surface';

/** A component's imports, or none for anything else (its deploy says what is wrong with it). */
function importsOf(bytes: Uint8Array, fileName: string): string[] {
  try {
    const surface = readComponentSurface(bytes, fileName);
    return surface.kind === 'component' ? surface.imports : [];
  } catch {
    return [];
  }
}

function draftFiles(files: GivenFile[]): DraftFile[] {
  return files.map(({ path, bytes }) => {
    const text = asText(path, bytes);
    return text === undefined ? { path, bytes } : { path, text };
  });
}

/** A Spin app's files as a project; the JavaScript an export wrote beside TypeScript is left out. */
async function appDraft(files: GivenFile[], fallbackName: string): Promise<ProjectDraft> {
  const app = appFiles(files);
  const manifest = app.find((f) => f.path === 'spin.toml')!;
  const name = summariseManifest(new TextDecoder().decode(manifest.bytes))?.name ?? fallbackName;
  return { name, files: await withoutStrippedOutputs(draftFiles(app)) };
}

export function registerImportSources(): void {
  registerSource({
    id: 'upload-wasm',
    title: 'Upload a .wasm',
    description:
      'A component built by any toolchain (wasi:http or Spin HTTP), wrapped in a spin.toml you can edit.',
    group: 'import',
    input: { kind: 'files', accept: '.wasm,application/wasm' },
    async create(given) {
      const wasm = given.find((f) => f.path.toLowerCase().endsWith('.wasm'));
      if (!wasm) throw new Error('Choose a .wasm file: a WebAssembly component.');
      const fileName = wasm.path.split('/').pop()!;
      const id = idFromFileName(fileName);
      return {
        name: id,
        files: [
          { path: 'spin.toml', text: wasmManifest(id, fileName, importsOf(wasm.bytes, fileName)) },
          { path: fileName, bytes: wasm.bytes },
        ],
      };
    },
  });
  registerSource({
    id: 'import-folder',
    title: 'Open a Spin app folder',
    description: 'A folder with a spin.toml and its built components: every file in it comes along.',
    group: 'import',
    input: { kind: 'folder' },
    create: async (given) => appDraft(given, given[0]?.path.split('/')[0] ?? 'imported-app'),
  });
  registerSource({
    id: 'import-zip',
    title: 'Import a zip',
    description: 'A zip of a Spin app folder, such as one exported from here.',
    group: 'import',
    input: { kind: 'files', accept: '.zip,application/zip' },
    async create(given) {
      const zip = given.find((f) => f.path.toLowerCase().endsWith('.zip'));
      if (!zip) throw new Error('Choose a .zip file holding a Spin app.');
      return appDraft(await fromZip(zip.bytes), zip.path.replace(/\.zip$/i, ''));
    },
  });
}
