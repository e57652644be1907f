/**
 * The section layout of a core module and the sizes of the index spaces the deadline rewrite
 * appends to (types, functions, tables, globals, exports). Only what those counts need is
 * decoded; every other byte is left where it is.
 */
import { WasmFormatError, WasmReader } from './wasm-bytes.ts';

export const SECTION = {
  custom: 0,
  type: 1,
  import: 2,
  function: 3,
  table: 4,
  memory: 5,
  global: 6,
  export: 7,
  start: 8,
  element: 9,
  code: 10,
  data: 11,
  dataCount: 12,
  tag: 13,
} as const;

/** Where each known section must come, by id (custom sections may come anywhere). */
const ORDER: Record<number, number> = {
  1: 1,
  2: 2,
  3: 3,
  4: 4,
  5: 5,
  13: 6,
  6: 7,
  7: 8,
  8: 9,
  9: 10,
  12: 11,
  10: 12,
  11: 13,
};

export function sectionRank(id: number): number {
  const rank = ORDER[id];
  if (rank === undefined) throw new WasmFormatError(`Unknown section id ${id}`, 0);
  return rank;
}

export interface Section {
  id: number;
  /** Offset of the section id byte. */
  start: number;
  /** Offset of its contents (after the size). */
  contentStart: number;
  end: number;
}

export interface ModuleLayout {
  sections: Section[];
  /** Type indices (a GC rec group defines several). */
  types: number;
  /** Entries in the type section's vector (rec groups count once). */
  typeEntries: number;
  /** Parameters of each type index (0 for a struct or array type). */
  paramCounts: number[];
  /** The type index of each defined function. */
  functionTypes: number[];
  importedFunctions: number;
  importedTables: number;
  importedGlobals: number;
  definedFunctions: number;
  definedTables: number;
  definedGlobals: number;
  exportNames: Set<string>;
  /** The module names imports come from (`wasi_snapshot_preview1`, `wasi:http/types@0.2.10`). */
  importModules: Set<string>;
  /** Every function import, as `module` and `name`, in order (what a host must provide). */
  functionImports: { module: string; name: string }[];
  /** The names of the custom sections (`component-type:…`, `producers`, `name`). */
  customSections: string[];
}

const MAGIC = [0x00, 0x61, 0x73, 0x6d];

/** Splits a core module into sections and counts its index spaces. */
export function readLayout(bytes: Uint8Array): ModuleLayout {
  if (bytes.length < 8 || MAGIC.some((b, i) => bytes[i] !== b)) {
    throw new WasmFormatError('Not a WebAssembly binary', 0);
  }
  if (bytes[4] !== 1 || bytes[5] !== 0 || bytes[6] !== 0 || bytes[7] !== 0) {
    throw new WasmFormatError('Not a core module (a component, or an unknown binary version)', 4);
  }
  const layout: ModuleLayout = {
    sections: [],
    types: 0,
    typeEntries: 0,
    paramCounts: [],
    functionTypes: [],
    importedFunctions: 0,
    importedTables: 0,
    importedGlobals: 0,
    definedFunctions: 0,
    definedTables: 0,
    definedGlobals: 0,
    exportNames: new Set(),
    importModules: new Set(),
    functionImports: [],
    customSections: [],
  };
  const reader = new WasmReader(bytes, 8);
  while (!reader.done) {
    const start = reader.offset;
    const id = reader.byte();
    const size = reader.u32();
    const contentStart = reader.offset;
    reader.skip(size);
    const section = { id, start, contentStart, end: reader.offset };
    layout.sections.push(section);
    const contents = new WasmReader(bytes, contentStart, section.end);
    switch (id) {
      case SECTION.type:
        readTypes(contents, layout);
        break;
      case SECTION.import:
        readImports(contents, layout);
        break;
      case SECTION.function:
        layout.definedFunctions = contents.u32();
        for (let i = 0; i < layout.definedFunctions; i++) layout.functionTypes.push(contents.u32());
        break;
      case SECTION.table:
        layout.definedTables = contents.u32();
        break;
      case SECTION.global:
        layout.definedGlobals = contents.u32();
        break;
      case SECTION.export:
        readExports(contents, layout);
        break;
      case SECTION.custom:
        layout.customSections.push(contents.name());
        break;
      default:
        sectionRank(id);
    }
  }
  return layout;
}

function skipValType(reader: WasmReader): void {
  const b = reader.byte();
  if (b === 0x63 || b === 0x64) reader.skipLeb();
}

function skipLimits(reader: WasmReader): void {
  const flags = reader.byte();
  reader.skipLeb();
  if (flags & 0x01) reader.skipLeb();
}

/** A subtype: `sub`/`sub final` with supertypes, or a bare composite type. Returns its parameter count. */
function skipSubType(reader: WasmReader): number {
  let form = reader.byte();
  if (form === 0x50 || form === 0x4f) {
    const supertypes = reader.u32();
    for (let i = 0; i < supertypes; i++) reader.skipLeb();
    form = reader.byte();
  }
  switch (form) {
    case 0x60: {
      // func: params, results
      const params = reader.u32();
      for (let i = 0; i < params; i++) skipValType(reader);
      const results = reader.u32();
      for (let i = 0; i < results; i++) skipValType(reader);
      return params;
    }
    case 0x5f: {
      // struct: fields (storage type, mutability)
      const count = reader.u32();
      for (let i = 0; i < count; i++) {
        skipValType(reader);
        reader.byte();
      }
      return 0;
    }
    case 0x5e: // array: one field
      skipValType(reader);
      reader.byte();
      return 0;
    default:
      throw new WasmFormatError(`Unknown type form 0x${form.toString(16)}`, reader.offset - 1);
  }
}

function readTypes(reader: WasmReader, layout: ModuleLayout): void {
  layout.typeEntries = reader.u32();
  for (let i = 0; i < layout.typeEntries; i++) {
    if (reader.bytes[reader.offset] === 0x4e) {
      reader.byte();
      const count = reader.u32();
      for (let j = 0; j < count; j++) layout.paramCounts.push(skipSubType(reader));
      layout.types += count;
    } else {
      layout.paramCounts.push(skipSubType(reader));
      layout.types += 1;
    }
  }
}

function readImports(reader: WasmReader, layout: ModuleLayout): void {
  const count = reader.u32();
  for (let i = 0; i < count; i++) {
    const module = reader.name();
    layout.importModules.add(module);
    const name = reader.name();
    const kind = reader.byte();
    switch (kind) {
      case 0x00: // function: type index
        reader.skipLeb();
        layout.functionImports.push({ module, name });
        layout.importedFunctions++;
        break;
      case 0x01: // table: reference type, limits
        skipValType(reader);
        skipLimits(reader);
        layout.importedTables++;
        break;
      case 0x02: // memory: limits
        skipLimits(reader);
        break;
      case 0x03: // global: value type, mutability
        skipValType(reader);
        reader.byte();
        layout.importedGlobals++;
        break;
      case 0x04: // tag: attribute, type index
        reader.byte();
        reader.skipLeb();
        break;
      default:
        throw new WasmFormatError(`Unknown import kind ${kind}`, reader.offset - 1);
    }
  }
}

function readExports(reader: WasmReader, layout: ModuleLayout): void {
  const count = reader.u32();
  for (let i = 0; i < count; i++) {
    layout.exportNames.add(reader.name());
    reader.byte();
    reader.skipLeb();
  }
}
