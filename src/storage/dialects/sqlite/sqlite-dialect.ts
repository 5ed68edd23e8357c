import fs from 'node:fs';
import path from 'node:path';
import type SQLite from 'better-sqlite3';
import { SqliteDialect, sql, type SqliteDatabase } from 'kysely';
import { fold } from '../../../core/search/fold.ts';
import type { DatabaseConfig, DatabaseTimeouts } from '../../connection/config.ts';
import { DEFAULT_TIMEOUTS } from '../../connection/config.ts';
import { withCapabilities } from '../capabilities.ts';
import { newMigrator, pingWithin } from '../common.ts';
import type { DialectCapabilities, DialectModule, OpenedDialect } from '../dialect.ts';
import { backupSqlite } from './sqlite-backup.ts';
import { sqliteChangeFeed } from './sqlite-change-feed.ts';
import { loadSqlite } from './sqlite-driver.ts';
import { classifySqliteError } from './sqlite-errors.ts';
import { sqliteTables } from './sqlite-introspector.ts';

export const SQLITE_CAPABILITIES: DialectCapabilities = {
  name: 'sqlite',
  // SQLITE_MAX_VARIABLE_NUMBER is 32766 since SQLite 3.32.
  maxParameters: 32_000,
  analyzeAfterBulkWrite: false,
};

/** 64 MiB of page cache: the hot indexes of a large workspace stay in memory. */
const SQLITE_CACHE_KIB = 65_536;

export function applySqlitePragmas(
  handle: SQLite.Database,
  timeouts: DatabaseTimeouts = DEFAULT_TIMEOUTS,
): void {
  handle.pragma('journal_mode = WAL');
  handle.pragma('synchronous = FULL');
  handle.pragma('foreign_keys = ON');
  // How long a writer waits for another process's write lock before SQLITE_BUSY (a 503).
  handle.pragma(`busy_timeout = ${timeouts.acquireMs}`);
  handle.pragma(`cache_size = -${SQLITE_CACHE_KIB}`);
}

/** SQL functions PostgreSQL has from the migrations, given to SQLite from the same code (the
 * dialects differ in where a function comes from, not in the queries that call it). */
export function registerSqliteFunctions(handle: SQLite.Database): void {
  handle.function('momentum_fold', { deterministic: true }, (text: unknown) =>
    typeof text === 'string' ? fold(text) : null,
  );
}

/** Distinct statements kept prepared; queries with long IN lists make one-off SQL, hence a bound. */
const SQLITE_STATEMENT_CACHE = 1_000;

/**
 * Kysely's SQLite driver prepares every statement it runs; preparing costs more than running a
 * small indexed query. The single connection keeps its prepared statements by SQL text instead
 * (least recently used dropped first). Safe because the connection runs one query at a time and
 * nothing streams (a statement being iterated cannot be reused).
 */
function withStatementCache(handle: SQLite.Database, afterClose: () => void): SqliteDatabase {
  const statements = new Map<string, SQLite.Statement>();
  return {
    close: () => {
      handle.close();
      afterClose();
    },
    prepare(text) {
      let statement = statements.get(text);
      if (statement) {
        statements.delete(text);
      } else {
        statement = handle.prepare(text);
        if (statements.size >= SQLITE_STATEMENT_CACHE)
          statements.delete(statements.keys().next().value!);
      }
      statements.set(text, statement);
      return statement;
    },
  };
}

type SqliteConfig = Extract<DatabaseConfig, { dialect: 'sqlite' }>;

function openSqlite(config: SqliteConfig, { timeouts }: { timeouts: DatabaseTimeouts }) {
  // Resolved here (against process.cwd()), not by the driver against the OS working folder.
  const resolved = config.file === ':memory:' ? config.file : path.resolve(config.file);
  if (resolved !== ':memory:') fs.mkdirSync(path.dirname(resolved), { recursive: true });
  const handle = new (loadSqlite())(resolved);
  applySqlitePragmas(handle, timeouts);
  registerSqliteFunctions(handle);
  const changes = sqliteChangeFeed(handle);
  const opened: OpenedDialect = {
    capabilities: SQLITE_CAPABILITIES,
    kyselyDialect: withCapabilities(
      new SqliteDialect({
        database: withStatementCache(handle, () => changes.afterDatabaseClosed()),
      }),
      SQLITE_CAPABILITIES,
    ),
    changes,
    sqlite: handle,

    // Kysely's SQLite transactions begin DEFERRED; a transaction that reads before it writes
    // would then fail to upgrade its lock under concurrency (SQLITE_BUSY at once, the busy
    // timeout not applying). We reserve the single connection ourselves and begin IMMEDIATE.
    transaction: (db, work) =>
      db.connection().execute(async (conn) => {
        await sql.raw('begin immediate').execute(conn);
        try {
          const result = await work(conn);
          await sql.raw('commit').execute(conn);
          return result;
        } catch (error) {
          // SQLite rolls a transaction back by itself after some errors (SQLITE_FULL, an I/O
          // error); a second ROLLBACK would fail and hide the real cause.
          if (handle.inTransaction) await sql.raw('rollback').execute(conn);
          throw error;
        }
      }),

    migrator: (db) => newMigrator(db),
    ping: pingWithin,
    backup: async (target) => backupSqlite(handle, target),
    tables: async () => sqliteTables(handle),
    close: async () => {},
  };
  return opened;
}

export const sqliteDialect: DialectModule<SqliteConfig> = {
  capabilities: SQLITE_CAPABILITIES,
  open: openSqlite,
  classifyError: classifySqliteError,
};
