/**
 * Reading typed fields out of TOML tables, recording a problem (instead of throwing) for each
 * missing, mistyped or unknown field, so that every mistake in a manifest is reported at once.
 */
import { TomlDate } from 'smol-toml';
import { field, type Place, type Problems } from './problems.ts';
import { closest } from './suggest.ts';

/** A TOML table as smol-toml returns it. */
export type TomlTable = { readonly [key: string]: unknown };

/** True for a TOML table (not an array, not a date). */
export function isTable(value: unknown): value is TomlTable {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof TomlDate);
}

/** "a string", "an integer", ... for messages. */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return 'a string';
  if (typeof value === 'boolean') return 'a boolean';
  if (typeof value === 'number') return Number.isInteger(value) ? 'an integer' : 'a float';
  if (value instanceof TomlDate) return 'a date';
  if (Array.isArray(value)) return 'an array';
  return 'a table';
}

/**
 * Reads the fields of one table. Each reader takes an example of the field written correctly,
 * which the message quotes when the field is missing or of the wrong type.
 */
export class TableReader {
  readonly #table: TomlTable;
  readonly #fields: readonly string[];

  /**
   * @param fields every field this table may have; `finish` reports the others.
   * @param prefix how messages name this table's fields (`static_response.` for an inline table).
   * @param spelling fields the user wrote under another name (`variables` written as version 1's
   *   `config`), so that messages name what is in the file.
   */
  constructor(
    table: TomlTable,
    readonly place: Place,
    readonly problems: Problems,
    fields: readonly string[],
    readonly prefix = '',
    readonly spelling: Readonly<Record<string, string>> = {},
  ) {
    this.#table = table;
    this.#fields = fields;
  }

  /** True when the field is present. */
  has(key: string): boolean {
    return Object.hasOwn(this.#table, key);
  }

  /** The raw value, unchecked. */
  value(key: string): unknown {
    return this.has(key) ? this.#table[key] : undefined;
  }

  /** The place of one of this table's fields. */
  at(key: string, ...more: (string | number)[]): Place {
    return field(this.place, key, ...more);
  }

  /** How messages name a field of this table. */
  name(key: string): string {
    const [first = key, ...rest] = key.split('.');
    const written = Object.hasOwn(this.spelling, first) ? this.spelling[first] : first;
    return `\`${this.prefix}${[written, ...rest].join('.')}\``;
  }

  /** Records a problem about one of this table's fields. */
  problem(key: string, message: string): void {
    this.problems.add(this.at(key), message);
  }

  string(key: string, example: string): string | undefined {
    return this.#typed(key, example, 'a string', (v): v is string => typeof v === 'string');
  }

  requiredString(key: string, example: string): string | undefined {
    if (!this.has(key)) {
      this.problems.add(this.place, `${this.name(key)} is missing; add it, as in ${example}.`);
      return undefined;
    }
    return this.string(key, example);
  }

  boolean(key: string, example: string): boolean | undefined {
    return this.#typed(key, example, 'a boolean', (v): v is boolean => typeof v === 'boolean');
  }

  integer(key: string, example: string): number | undefined {
    return this.#typed(key, example, 'an integer', (v): v is number => Number.isInteger(v));
  }

  table(key: string, example: string): TomlTable | undefined {
    return this.#typed(key, example, 'a table', isTable);
  }

  /** An array of strings; `[]` when absent, and the good strings when some are not. */
  stringArray(key: string, example: string): string[] {
    const value = this.#typed(key, example, 'an array of strings', Array.isArray);
    if (value === undefined) return [];
    const strings: string[] = [];
    for (const [i, item] of value.entries()) {
      if (typeof item === 'string') strings.push(item);
      else
        this.problems.add(
          this.at(key, i),
          `${this.name(key)} must hold only strings, but item ${i + 1} is ${describeValue(item)}; write it as in ${example}.`,
        );
    }
    return strings;
  }

  /** A table of string values, as `[key, value]` pairs; `[]` when absent. */
  stringTable(key: string, example: string): [string, string][] {
    const table = this.table(key, example);
    if (table === undefined) return [];
    const pairs: [string, string][] = [];
    for (const [name, value] of Object.entries(table)) {
      if (typeof value === 'string') pairs.push([name, value]);
      else
        this.problems.add(
          this.at(key, name),
          `${this.name(`${key}.${name}`)} must be a string, not ${describeValue(value)}; write it as in ${example}.`,
        );
    }
    return pairs;
  }

  /** Reports every field that is not one of this table's fields. */
  finish(): void {
    for (const key of Object.keys(this.#table)) {
      if (this.#fields.includes(key)) continue;
      const guess = closest(key, this.#fields);
      const hint = guess === undefined ? '' : ` Did you mean ${this.name(guess)}?`;
      const fields = this.#fields.join(', ');
      this.problem(
        key,
        `${this.name(key)} is not a field Spin knows here.${hint} The fields are: ${fields}.`,
      );
    }
  }

  #typed<T>(
    key: string,
    example: string,
    expected: string,
    is: (value: unknown) => value is T,
  ): T | undefined {
    if (!this.has(key)) return undefined;
    const value = this.#table[key];
    if (is(value)) return value;
    this.problem(
      key,
      `${this.name(key)} must be ${expected}, not ${describeValue(value)}; write it as in ${example}.`,
    );
    return undefined;
  }
}
