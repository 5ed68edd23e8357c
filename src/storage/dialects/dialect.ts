import type { Dialect as KyselyDialect, Kysely, Migrator } from 'kysely';
import type SQLite from 'better-sqlite3';
import type { ChangeFeed } from '../connection/change-feed.ts';
import type { DatabaseConfig, DatabaseTimeouts } from '../connection/config.ts';
import type { Database } from '../schema.ts';

/*
 * What the store needs from a database dialect, and nothing else: the one seam between
 * SQLite and PostgreSQL (decision 023). Each dialect lives in its own folder beside this file
 * (`sqlite/`, `postgres/`), mirrored file for file, as Kysely lays out its own dialects. The
 * store (connection/open.ts), the change feed and backup call these members and never ask
 * which dialect they have; queries are written once, in Kysely, and ask only the capabilities.
 */

export type DialectName = 'sqlite' | 'postgres';

/** What differs between the dialects that query code may ask about (see capabilities.ts for
 * how a repository reads them from its executor). Every flag here is read somewhere. */
export interface DialectCapabilities {
  readonly name: DialectName;
  /** Bound parameters one statement may carry, a little under the driver's hard limit (SQLite
   * 32766, PostgreSQL 65535). Every IN list and multi-row INSERT is cut to fit (chunksFor). */
  readonly maxParameters: number;
  /** Whether a table that a bulk write has grown needs its planner statistics refreshed
   * (`analyze`) for lookups to keep using the right index. PostgreSQL: yes, a table with no
   * statistics looks tiny, and a lookup by (workspace, external ref) then reads the whole
   * workspace through the workspace-only index, each batch slower than the last (autovacuum may
   * be off, or late). SQLite: no, its planner prefers the index that matches the most equality
   * columns without statistics, and its `analyze` reads the whole table. */
  readonly analyzeAfterBulkWrite: boolean;
}

/** What a driver error means for the caller, on either dialect. */
export type DatabaseFailureKind =
  /** A unique key (or primary key) is already taken: usually two writers raced. */
  | 'unique'
  /** A row refers to one that is gone (or not yet there). */
  | 'foreign-key'
  /** Two transactions collided (serialization failure, deadlock): trying again will work. */
  | 'contention'
  /** The database cannot be reached or is restarting: try again shortly. */
  | 'unavailable'
  /** A connection, lock or statement took longer than its bound. */
  | 'timeout'
  /** The disk under the database is full: reads still work, writes fail until space returns. */
  | 'disk-full';

export interface DatabaseFailure {
  kind: DatabaseFailureKind;
  /** The constraint (PostgreSQL) or `table.column, …` list (SQLite) for unique and foreign-key
   * violations; kept for logs and messages, never SQL. */
  constraint?: string;
}

/** One column as the migrated database reports it (for the generated schema types). */
export interface ColumnShape {
  name: string;
  /** The declared type, lower case (`text`, `integer`, `bigint`, `real`). */
  type: string;
  nullable: boolean;
  hasDefault: boolean;
}

export interface TableShape {
  name: string;
  columns: ColumnShape[];
}

export interface BackupResult {
  file: string;
  bytes: number;
  integrity: string;
}

/** What opening needs beyond the configuration. */
export interface OpenOptions {
  timeouts: DatabaseTimeouts;
  /** Errors of connections nobody was using (a restart terminates idle ones); never thrown. */
  reportConnectionError: (error: unknown) => void;
}

/** One opened database: the connection (or pool) and everything the store does with it. */
export interface OpenedDialect {
  readonly capabilities: DialectCapabilities;
  /** Kysely's dialect over the opened driver; its adapter carries `capabilities`. */
  readonly kyselyDialect: KyselyDialect;
  /** Whether anything may have changed since a cache entry was read (decision 004). */
  readonly changes: ChangeFeed;
  /** The raw SQLite handle, for tests and benchmarks that check pragmas or integrity; null on
   * PostgreSQL. Nothing in src/ reads it. */
  readonly sqlite: SQLite.Database | null;
  /**
   * Runs `work` in one write transaction: begun as the dialect needs (SQLite: IMMEDIATE), and
   * announced to other instances just before COMMIT (PostgreSQL: NOTIFY), rolled back if
   * `work` throws.
   */
  transaction<T>(db: Kysely<Database>, work: (trx: Kysely<Database>) => Promise<T>): Promise<T>;
  /** Kysely's migrator over our migrations, reading only what belongs to this database. */
  migrator(db: Kysely<Database>): Migrator;
  /** Whether the database answers now, within `timeoutMs` (the readiness check). */
  ping(db: Kysely<Database>, timeoutMs: number): Promise<void>;
  /** A consistent copy of the database in a new file, checked; or an error saying how to back
   * this dialect up instead. */
  backup(target: string): Promise<BackupResult>;
  /** The tables and columns of our schema (migration bookkeeping left out), by name. */
  tables(db: Kysely<Database>): Promise<TableShape[]>;
  /** Stops what the dialect runs beside the queries (the change feed's listener). The pool or
   * handle itself closes with Kysely's `destroy()`. */
  close(): Promise<void>;
}

/** A dialect before it is opened: what can be known without a connection. */
export interface DialectModule<Config extends DatabaseConfig = DatabaseConfig> {
  readonly capabilities: DialectCapabilities;
  open(config: Config, options: OpenOptions): OpenedDialect;
  /** Classifies one of this dialect's driver errors, or null when it is not one of its own. */
  classifyError(error: object): DatabaseFailure | null;
}
