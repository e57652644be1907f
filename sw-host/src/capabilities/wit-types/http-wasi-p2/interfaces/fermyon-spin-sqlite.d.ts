/** @module Interface fermyon:spin/sqlite@2.0.0 **/
export type Error =
  ErrorNoSuchDatabase | ErrorAccessDenied | ErrorInvalidConnection | ErrorDatabaseFull | ErrorIo;
/**
 * No database has this label.
 */
export interface ErrorNoSuchDatabase {
  tag: 'no-such-database';
}
/**
 * The component may not open this database (whether it exists or not).
 */
export interface ErrorAccessDenied {
  tag: 'access-denied';
}
/**
 * The connection is not open.
 */
export interface ErrorInvalidConnection {
  tag: 'invalid-connection';
}
/**
 * The database cannot grow any more.
 */
export interface ErrorDatabaseFull {
  tag: 'database-full';
}
/**
 * Any other failure (SQL errors included), with a message.
 */
export interface ErrorIo {
  tag: 'io';
  val: string;
}
/**
 * A value SQLite stores or returns.
 */
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
/**
 * One row of a result.
 */
export interface RowResult {
  values: Array<Value>;
}
/**
 * What a statement returned.
 */
export interface QueryResult {
  /**
   * The names of the result's columns.
   */
  columns: Array<string>;
  /**
   * Every row, each with one value per column.
   */
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
}
