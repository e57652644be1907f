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
  readonly #free: WebAssembly.Memory[] = [];

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
    const { offset, bytes } = this.#image;
    const reused = this.#free.pop();
    if (reused) {
      const view = new Uint8Array(reused.buffer);
      view.fill(0, 0, offset);
      view.set(bytes, offset);
      view.fill(0, offset + bytes.length);
      return reused;
    }
    const memory = new WebAssembly.Memory(
      this.#image.maximumPages === undefined
        ? { initial: this.#image.initialPages }
        : { initial: this.#image.initialPages, maximum: this.#image.maximumPages },
    );
    new Uint8Array(memory.buffer).set(bytes, offset);
    return memory;
  }

  /**
   * Takes `memory` back. Call it only when its instance can run no more code (its handler has
   * returned or trapped, not when it was abandoned at a deadline). A memory that grew is
   * dropped: a fresh instance's `memory.size` is the initial one, and memories do not shrink.
   */
  give(memory: WebAssembly.Memory): void {
    if (memory.buffer.byteLength !== this.#image.initialPages * PAGE) return;
    if (this.#free.length < KEPT) this.#free.push(memory);
  }
}
