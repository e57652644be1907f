/**
 * Collects what is wrong with a manifest, so that one error can list every problem at once, each
 * as `spin.toml:<line>: <table>: <sentence>` (the form editors and terminals turn into links).
 */
import { SwerveError } from '../errors.ts';
import type { TomlLocator, TomlPath } from './toml-locator.ts';

/** Where a problem is: the table as people name it, and the key path to find its line. */
export interface Place {
  /** `[component.api]`, `[[trigger.http]] #2`, or `''` for the top level. */
  readonly table: string;
  readonly path: TomlPath;
}

interface Problem {
  readonly place: Place;
  readonly message: string;
}

/** The problems found so far. */
export class Problems {
  #list: Problem[] = [];
  #translate: (place: Place) => Place = (place) => place;

  /** Records a problem; `message` is one or more whole sentences: what is wrong, what to write. */
  add(place: Place, message: string): void {
    this.#list.push({ place: this.#translate(place), message });
  }

  /**
   * A view that records into this same list, moving each place with `translate` first: a
   * manifest converted from version 1 is validated as version 2, and its problems must still
   * point at the tables and lines the user wrote.
   */
  translated(translate: (place: Place) => Place): Problems {
    const view = new Problems();
    view.#list = this.#list;
    view.#translate = (place) => this.#translate(translate(place));
    return view;
  }

  get count(): number {
    return this.#list.length;
  }

  /** One error listing every problem, or `undefined` when there are none. */
  toError(fileName: string, locator: TomlLocator): SwerveError | undefined {
    if (this.#list.length === 0) return undefined;
    // In file order, so the list reads top to bottom like the manifest; sort is stable.
    const located = this.#list.map(({ place, message }) => ({
      place,
      message,
      line: locator.lineOf(place.path),
    }));
    located.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
    const lines = located.map(({ place, message, line }) => {
      const where = line === undefined ? fileName : `${fileName}:${line}`;
      return place.table === '' ? `${where}: ${message}` : `${where}: ${place.table}: ${message}`;
    });
    const [only] = lines;
    const text =
      only !== undefined && lines.length === 1
        ? `Invalid Spin manifest. ${only}`
        : `Invalid Spin manifest (${lines.length} problems):\n${lines.join('\n')}`;
    return new SwerveError('manifest-invalid', text);
  }
}

/** A place inside another: `field(place, 'source')` is the `source` key of that table. */
export function field(place: Place, ...keys: (string | number)[]): Place {
  return { table: place.table, path: [...place.path, ...keys] };
}
