/**
 * The memories of one rewritten core module (memory-image/): each instance takes one that
 * holds exactly what a fresh instance's memory would (the initial image, zeros elsewhere, the
 * initial size), and gives it back once no guest code can run on it any more.
 */
import { MEMORY_IMAGE_SECTION, parseMemoryImage, type MemoryImage } from './memory-image/index.ts';

const PAGE = 65_536;
/** Memories kept for reuse per module: as many as instances usually run at once. */
const KEPT = 4;

export class MemoryPool {
  readonly #image: MemoryImage;
  /** Memories equal to a fresh instance's, ready to hand out. */
  readonly #clean: WebAssembly.Memory[] = [];
  /** Memories given back and not yet reset. */
  readonly #dirty: WebAssembly.Memory[] = [];
  #resetQueued = false;

  private constructor(image: MemoryImage) {
    this.#image = image;
  }

  /** The pool for `module`, or undefined for a module that defines its own memory as usual. */
  static of(module: WebAssembly.Module): MemoryPool | undefined {
    const [section] = WebAssembly.Module.customSections(module, MEMORY_IMAGE_SECTION);
    return section ? new MemoryPool(parseMemoryImage(section)) : undefined;
  }

  /** A memory equal to a fresh instance's, byte for byte and in size. */
  take(): WebAssembly.Memory {
    const clean = this.#clean.pop();
    if (clean) return clean;
    const dirty = this.#dirty.pop();
    if (dirty) return this.#reset(dirty);
    const memory = new WebAssembly.Memory(
      this.#image.maximumPages === undefined
        ? { initial: this.#image.initialPages }
        : { initial: this.#image.initialPages, maximum: this.#image.maximumPages },
    );
    new Uint8Array(memory.buffer).set(this.#image.bytes, this.#image.offset);
    return memory;
  }

  /**
   * Takes `memory` back. Call it only when its instance can run no more code (its handler has
   * returned or trapped, not when it was abandoned at a deadline). A memory that grew is
   * dropped: a fresh instance's `memory.size` is the initial one, and memories do not shrink.
   *
   * Resetting a memory means writing all of it (hello's: 8 MiB of image, 1 MiB of zeros, about
   * 1.5 ms here), so it is done in a task of its own after the response has gone, while the
   * thread waits for the next request; one that comes first resets the memory it takes itself.
   */
  give(memory: WebAssembly.Memory): void {
    if (memory.buffer.byteLength !== this.#image.initialPages * PAGE) return;
    if (this.#clean.length + this.#dirty.length >= KEPT) return;
    this.#dirty.push(memory);
    if (this.#resetQueued) return;
    this.#resetQueued = true;
    setTimeout(() => {
      this.#resetQueued = false;
      for (const dirty of this.#dirty.splice(0)) this.#clean.push(this.#reset(dirty));
    }, 0);
  }

  #reset(memory: WebAssembly.Memory): WebAssembly.Memory {
    const { offset, bytes } = this.#image;
    const view = new Uint8Array(memory.buffer);
    view.fill(0, 0, offset);
    view.set(bytes, offset);
    view.fill(0, offset + bytes.length);
    return memory;
  }
}
