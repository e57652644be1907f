/**
 * What one guest may make the host allocate through SQLite. Each limit is checked before the
 * allocation it bounds, and a guest that hits one gets Spin's `io(...)` error naming the limit
 * and what to do (or `database-full` for the database's size, as SQLite reports it).
 */

/** The longest SQL statement `execute` takes, in UTF-8 bytes. */
export const MAX_STATEMENT_BYTES = 1024 * 1024;

/** The most bytes of text and blob parameters one `execute` may bind in all. */
export const MAX_PARAMETER_BYTES = 16 * 1024 * 1024;

/**
 * The most bytes one query result may hold (its values' text and blob bytes, 8 bytes for every
 * other value), counted as the rows are read, as Spin counts against its own 128 MiB. A result
 * this big is copied into the guest's memory at once: page through it with LIMIT and OFFSET.
 */
export const MAX_RESULT_BYTES = 16 * 1024 * 1024;

/**
 * The largest a database may grow. Every write exports the database's image and compares it
 * with the stored one (only changed chunks are written), a realm whose copy is stale reads the
 * whole image (decision 0024: 217 ms for 10 MiB in Chromium), and each connection holds a copy
 * in memory, so this bounds all three. SQLite stops a write that would grow past it with
 * SQLITE_FULL, which the guest sees as `database-full`.
 */
export const MAX_DATABASE_BYTES = 16 * 1024 * 1024;

/** How many connections one instance may hold open at once (Spin's resource table size). */
export const MAX_OPEN_CONNECTIONS = 256;
