/** @module Interface spin:sqlite/sqlite@3.0.0 **/
export type Error =
  ErrorNoSuchDatabase | ErrorAccessDenied | ErrorInvalidConnection | ErrorDatabaseFull | ErrorIo;
export interface ErrorNoSuchDatabase {
  tag: 'no-such-database';
}
export interface ErrorAccessDenied {
  tag: 'access-denied';
}
export interface ErrorInvalidConnection {
  tag: 'invalid-connection';
}
export interface ErrorDatabaseFull {
  tag: 'database-full';
}
export interface ErrorIo {
  tag: 'io';
  val: string;
}
export type Value = ValueInteger | ValueReal | ValueText | ValueBlob | ValueNull;
export interface ValueInteger {
  tag: 'integer';
  val: bigint;
}
export interface ValueReal {
  tag: 'real';
  val: number;
}
export interface ValueText {
  tag: 'text';
  val: string;
}
export interface ValueBlob {
  tag: 'blob';
  val: Uint8Array;
}
export interface ValueNull {
  tag: 'null';
}
export interface RowResult {
  values: Array<Value>;
}
export interface QueryResult {
  columns: Array<string>;
  rows: Array<RowResult>;
}

export class Connection {
  /**
   * This type does not have a public constructor.
   */
  private constructor();
  /**
   * Open a connection to the database with the given label.
   */
  static open(database: string): Connection;
  /**
   * Run one SQL statement with its `?` parameters bound in order, returning any rows.
   */
  execute(statement: string, parameters: Array<Value>): QueryResult;
  /**
   * The rowid of this connection's latest successful INSERT, or 0 before any.
   */
  lastInsertRowid(): bigint;
  /**
   * How many rows this connection's latest INSERT, UPDATE or DELETE changed.
   */
  changes(): bigint;
}
