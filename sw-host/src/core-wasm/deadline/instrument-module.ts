/**
 * Rewrites a core module so that it can be stopped at a deadline (issue 9; the design is in
 * docs/decisions/0008-deadlines-by-instrumenting-core-modules.md).
 *
 * Every `loop` header counts its iterations in a new local of its function (a local lives in a
 * register, a global in memory: a global here made a tight loop 4-5 times slower):
 *
 *     local.get $steps  i32.const 1  i32.add  local.tee $steps  i32.const <interval>  i32.ge_u
 *     if  i32.const 0  local.set $steps  call $check  end
 *
 * Every function entry (unless told otherwise) counts down a global instead, which stops
 * unbounded recursion and tail calls, where no frame lives long enough for a local:
 *
 *     global.get $fuel  i32.const 1  i32.sub  global.set $fuel
 *     global.get $fuel  i32.eqz  if  call $check  end
 *
 * `$check` refills `$fuel` and, when the host has filled
 * slot 0 of the exported table `swerve:deadline`, calls that function; a non-zero answer means
 * the deadline has passed, and `$check` executes `unreachable`. A trap, unlike a thrown JS
 * exception, cannot be caught by the guest's own exception handlers.
 *
 * Nothing is renumbered: the two types, the global, the function and the table are appended at
 * the end of their index spaces, so every existing index (calls, `ref.func`, element segments,
 * exports, start, the name section) keeps its meaning. The host reaches in through the table,
 * which it fills after instantiation (deadline-hooks.ts); until then `$check` sees a null slot
 * and returns, so a start function runs as before.
 */
import { walkInstructions } from './instructions.ts';
import { readLayout, SECTION, sectionRank, type ModuleLayout, type Section } from './module-sections.ts';
import { concatBytes, encodeName, encodeS32, encodeU32, WasmFormatError, WasmReader } from './wasm-bytes.ts';

/** The exported table the host puts its deadline check in (slot 0). */
export const DEADLINE_TABLE_EXPORT = 'swerve:deadline';

export interface InstrumentOptions {
  /** Countdown steps (loop iterations and function calls) between two host checks. */
  interval?: number;
  /** Count function entries too (stops unbounded recursion and tail calls); default true. */
  functionEntries?: boolean;
}

export const DEFAULT_INTERVAL = 10_000;

/** Whether `bytes` is a core module this rewrite has already instrumented. */
export function isInstrumented(bytes: Uint8Array): boolean {
  return readLayout(bytes).exportNames.has(DEADLINE_TABLE_EXPORT);
}

/** Returns the instrumented module. Throws a WasmFormatError for a module it cannot read. */
export function instrumentModule(bytes: Uint8Array, options: InstrumentOptions = {}): Uint8Array {
  const interval = options.interval ?? DEFAULT_INTERVAL;
  const functionEntries = options.functionEntries ?? true;
  if (!Number.isInteger(interval) || interval < 1 || interval > 0x7fffffff) {
    throw new RangeError(`The deadline check interval must be a positive 32-bit integer, not ${interval}.`);
  }
  const layout = readLayout(bytes);
  if (layout.exportNames.has(DEADLINE_TABLE_EXPORT)) return bytes;

  const checkType = layout.types; // (func (result i32)): the host's check
  const voidType = layout.types + 1; // (func): $check
  const fuel = layout.importedGlobals + layout.definedGlobals;
  const checkFunction = layout.importedFunctions + layout.definedFunctions;
  const table = layout.importedTables + layout.definedTables;

  const checkBody = body([
    ...[0x41, ...encodeS32(interval), 0x24, ...encodeU32(fuel)], // refill
    ...[0x41, 0x00, 0x25, ...encodeU32(table), 0xd1, 0x04, 0x40, 0x0f, 0x0b], // no hook yet: return
    ...[0x41, 0x00, 0x11, ...encodeU32(checkType), ...encodeU32(table)], // call the hook
    ...[0x04, 0x40, 0x00, 0x0b], // past the deadline: unreachable
    0x0b,
  ]);
  const code: Countdowns = {
    // At function entry: the global countdown (a local would start afresh in every frame).
    entry: functionEntries
      ? Uint8Array.from([
          ...[0x23, ...encodeU32(fuel), 0x41, 0x01, 0x6b, 0x24, ...encodeU32(fuel)],
          ...[0x23, ...encodeU32(fuel), 0x45, 0x04, 0x40, 0x10, ...encodeU32(checkFunction), 0x0b],
        ])
      : undefined,
    // At a loop header: count up in local `steps`, which the engine keeps in a register.
    loop: (steps) => [
      ...[0x20, ...encodeU32(steps), 0x41, 0x01, 0x6a, 0x22, ...encodeU32(steps)],
      ...[0x41, ...encodeS32(interval), 0x4f, 0x04, 0x40],
      ...[0x41, 0x00, 0x21, ...encodeU32(steps), 0x10, ...encodeU32(checkFunction), 0x0b],
    ],
    checkBody,
  };

  const appended: Record<number, { count: number; entries: number[] }> = {
    [SECTION.type]: { count: 2, entries: [0x60, 0x00, 0x01, 0x7f, 0x60, 0x00, 0x00] },
    [SECTION.function]: { count: 1, entries: encodeU32(voidType) },
    [SECTION.table]: { count: 1, entries: [0x70, 0x01, 0x01, 0x01] }, // funcref, min 1, max 1
    [SECTION.global]: { count: 1, entries: [0x7f, 0x01, 0x41, ...encodeS32(interval), 0x0b] },
    [SECTION.export]: {
      count: 1,
      entries: [...encodeName(DEADLINE_TABLE_EXPORT), 0x01, ...encodeU32(table)],
    },
  };

  const out: (Uint8Array | number[])[] = [bytes.subarray(0, 8)];
  const missing = new Set<number>([
    SECTION.type,
    SECTION.function,
    SECTION.table,
    SECTION.global,
    SECTION.export,
    SECTION.code,
  ]);
  const emitMissingBefore = (rank: number) => {
    for (const id of [...missing].sort((a, b) => sectionRank(a) - sectionRank(b))) {
      if (sectionRank(id) >= rank) break;
      missing.delete(id);
      if (id === SECTION.code) out.push(...sectionFrom(id, [1], [code.checkBody]));
      else out.push(...sectionFrom(id, encodeU32(appended[id]!.count), [appended[id]!.entries]));
    }
  };

  for (const section of layout.sections) {
    if (section.id === SECTION.custom) {
      // DWARF describes code offsets, which the rewrite moves: drop it rather than mislead.
      if (!customName(bytes, section).startsWith('.debug_'))
        out.push(bytes.subarray(section.start, section.end));
      continue;
    }
    emitMissingBefore(sectionRank(section.id));
    missing.delete(section.id);
    const extra = appended[section.id];
    if (extra) {
      const reader = new WasmReader(bytes, section.contentStart, section.end);
      const count = reader.u32();
      out.push(
        ...sectionFrom(section.id, encodeU32(count + extra.count), [
          bytes.subarray(reader.offset, section.end),
          extra.entries,
        ]),
      );
    } else if (section.id === SECTION.code) {
      // Pushed one by one: hello's code section is about 100,000 parts, too many to spread.
      for (const part of rewriteCode(bytes, section, layout, code)) out.push(part);
    } else {
      out.push(bytes.subarray(section.start, section.end));
    }
  }
  emitMissingBefore(Infinity);
  return concatBytes(out);
}

/** The instructions the rewrite inserts. */
interface Countdowns {
  entry: Uint8Array | undefined;
  /** The countdown at a loop header, for a function whose step counter is local `steps`. */
  loop: (steps: number) => number[];
  checkBody: Uint8Array;
}

function customName(bytes: Uint8Array, section: Section): string {
  return new WasmReader(bytes, section.contentStart, section.end).name();
}

function body(instructions: number[]): Uint8Array {
  return Uint8Array.from([...encodeU32(instructions.length + 1), 0x00, ...instructions]);
}

/** A section's framing (id, size) followed by its parts. */
function sectionFrom(
  id: number,
  head: number[],
  parts: (Uint8Array | number[])[],
): (Uint8Array | number[])[] {
  const size = head.length + parts.reduce((sum, part) => sum + part.length, 0);
  return [[id, ...encodeU32(size), ...head], ...parts];
}

function rewriteCode(
  bytes: Uint8Array,
  section: Section,
  layout: ModuleLayout,
  code: Countdowns,
): (Uint8Array | number[])[] {
  const reader = new WasmReader(bytes, section.contentStart, section.end);
  const count = reader.u32();
  if (count !== layout.definedFunctions) {
    throw new WasmFormatError('The code section and the function section disagree', section.contentStart);
  }
  const parts: (Uint8Array | number[])[] = [encodeU32(count + 1)];
  const loops: number[] = [];
  const onLoop = (offset: number) => loops.push(offset);
  for (let i = 0; i < count; i++) {
    const size = reader.u32();
    const start = reader.offset;
    const end = start + size;
    // Local declarations: a count, then (count, value type) pairs.
    const groups = reader.u32();
    const groupsStart = reader.offset;
    let locals = layout.paramCounts[layout.functionTypes[i]!] ?? 0;
    for (let g = 0; g < groups; g++) {
      locals += reader.u32();
      const type = reader.byte();
      if (type === 0x63 || type === 0x64) reader.skipLeb();
    }
    const codeStart = reader.offset;
    loops.length = 0;
    walkInstructions(bytes, codeStart, end, onLoop);
    reader.offset = end;
    if (loops.length === 0 && !code.entry) {
      parts.push(encodeU32(size), bytes.subarray(start, end));
      continue;
    }
    const pieces: (Uint8Array | number[])[] = [];
    if (loops.length === 0) {
      pieces.push(bytes.subarray(start, codeStart));
    } else {
      // One more i32 local, the loops' step count: appended, so no local index moves.
      pieces.push(encodeU32(groups + 1), bytes.subarray(groupsStart, codeStart), [0x01, 0x7f]);
    }
    if (code.entry) pieces.push(code.entry);
    const loopCountdown = loops.length > 0 ? code.loop(locals) : [];
    let from = codeStart;
    for (const point of loops) {
      pieces.push(bytes.subarray(from, point), loopCountdown);
      from = point;
    }
    pieces.push(bytes.subarray(from, end));
    parts.push(encodeU32(pieces.reduce((sum, piece) => sum + piece.length, 0)));
    for (const piece of pieces) parts.push(piece);
  }
  parts.push(code.checkBody);
  const size = parts.reduce((sum, part) => sum + part.length, 0);
  parts.unshift([SECTION.code, ...encodeU32(size)]);
  return parts;
}
