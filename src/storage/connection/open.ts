import fs from 'node:fs';
import path from 'node:path';
import type SQLite from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql, type SqliteDatabase } from 'kysely';
import type { Executor, TransactionRunner } from '../../core/shared/transactions.ts';
import { asExecutor } from '../executor.ts';
import { takeMomentumChanges } from '../momentum/momentum-inputs.ts';
import { migrationProvider } from '../migrations/index.ts';
import type { Database } from '../schema.ts';
import {
  changeChannel,
  postgresChangeFeed,
  sqliteChangeFeed,
  writeTrackingPlugin,
  type ChangeFeed,
} from './change-feed.ts';
import type { DatabaseConfig } from './config.ts';
import { loadPg, loadSqlite } from './drivers.ts';
import { CAPABILITIES, type DialectCapabilities } from './dialect.ts';

export interface Store extends TransactionRunner {
  readonly db: Kysely<Database>;
  readonly capabilities: DialectCapabilities;
  /** Whether anything may have changed since a cache entry was read (see change-feed.ts). */
  readonly changes: ChangeFeed;
  /** The raw SQLite handle, for online backup; null on PostgreSQL. */
  readonly sqlite: SQLite.Database | null;
  /**
   * Called inside each write transaction, just before it commits, with the deals whose momentum
   * inputs it changed (see momentum/momentum-inputs.ts); the composition root records their
   * momentum for the day. Null: nothing is recorded.
   */
  onMomentumInputs: ((tx: Executor, dealIds: readonly string[]) => Promise<void>) | null;
  migrateToLatest(): Promise<void>;
  migrateDown(): Promise<void>;
  close(): Promise<void>;
}

/** 64 MiB of page cache: the hot indexes of a large workspace stay in memory. */
const SQLITE_CACHE_KIB = 65_536;
const SQLITE_BUSY_TIMEOUT_MS = 5_000;
const PG_STATEMENT_TIMEOUT_MS = 30_000;
const PG_POOL_SIZE = 10;

export function applySqlitePragmas(handle: SQLite.Database): void {
  handle.pragma('journal_mode = WAL');
  handle.pragma('synchronous = FULL');
  handle.pragma('foreign_keys = ON');
  handle.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
  handle.pragma(`cache_size = -${SQLITE_CACHE_KIB}`);
}

/** Distinct statements kept prepared; queries with long IN lists make one-off SQL, hence a bound. */
const SQLITE_STATEMENT_CACHE = 1_000;

/**
 * Kysely's SQLite driver prepares every statement it runs; preparing costs more than running a
 * small indexed query. The single connection keeps its prepared statements by SQL text instead
 * (least recently used dropped first). Safe because the connection runs one query at a time and
 * nothing streams (a statement being iterated cannot be reused).
 */
function withStatementCache(handle: SQLite.Database): SqliteDatabase {
  const statements = new Map<string, SQLite.Statement>();
  return {
    close: () => handle.close(),
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

function openSqlite(file: string) {
  // Resolved here (against process.cwd()), not by the driver against the OS working folder.
  const resolved = file === ':memory:' ? file : path.resolve(file);
  if (resolved !== ':memory:') fs.mkdirSync(path.dirname(resolved), { recursive: true });
  const handle = new (loadSqlite())(resolved);
  applySqlitePragmas(handle);
  const changes = sqliteChangeFeed(handle);
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: withStatementCache(handle) }),
    plugins: [writeTrackingPlugin(changes)],
  });
  return { db, handle, changes };
}

function openPostgres(url: string, schema: string | undefined) {
  const options = [`-c statement_timeout=${PG_STATEMENT_TIMEOUT_MS}`];
  if (schema) options.push(`-c search_path=${schema}`);
  const pg = loadPg();
  const pool = new pg.Pool({
    connectionString: url,
    max: PG_POOL_SIZE,
    options: options.join(' '),
    // bigint (int8) and numeric arrive as strings by default; our bigints are money in minor
    // units and counts, which fit in a double exactly.
    types: {
      getTypeParser: (oid: number, format?: string) =>
        oid === 20 ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format as 'text'),
    },
  });
  const changes = postgresChangeFeed({ connectionString: url }, changeChannel(schema));
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool }),
    plugins: [writeTrackingPlugin(changes)],
  });
  return { db, changes };
}

export async function openStore(config: DatabaseConfig): Promise<Store> {
  let db: Kysely<Database>;
  let changes: ChangeFeed;
  let handle: SQLite.Database | null = null;
  if (config.dialect === 'sqlite') {
    ({ db, handle, changes } = openSqlite(config.file));
  } else {
    ({ db, changes } = openPostgres(config.url, config.schema));
  }
  const capabilities = CAPABILITIES[config.dialect];
  // Kysely looks for its migration tables in every schema unless told which one; with several
  // schemas in one database (parallel test suites) it would find another's and skip its own.
  const migrationTableSchema = config.dialect === 'postgres' ? config.schema : undefined;
  const migrator = new Migrator({
    db,
    provider: migrationProvider,
    ...(migrationTableSchema && { migrationTableSchema }),
  });

  async function transaction<T>(fn: (tx: Executor) => Promise<T>): Promise<T> {
    try {
      return await runTransaction(fn);
    } finally {
      // Again after COMMIT (or ROLLBACK): a cache that read between the write and the commit
      // saw the old rows and must not keep them.
      changes.wrote();
    }
  }

  /** The use case's work, then the momentum of the deals it changed, in the same transaction. */
  async function work<T>(fn: (tx: Executor) => Promise<T>, tx: Executor): Promise<T> {
    try {
      const result = await fn(tx);
      const dealIds = takeMomentumChanges(tx);
      if (dealIds.length && store.onMomentumInputs) await store.onMomentumInputs(tx, dealIds);
      return result;
    } finally {
      takeMomentumChanges(tx);
    }
  }

  async function runTransaction<T>(fn: (tx: Executor) => Promise<T>): Promise<T> {
    const announce = changes.beforeCommit;
    if (capabilities.name === 'postgres') {
      return db.transaction().execute(async (trx) => {
        const result = await work(fn, asExecutor(trx));
        if (announce) await sql.raw(announce).execute(trx);
        return result;
      });
    }
    // Kysely's SQLite transactions begin DEFERRED; we reserve the single connection ourselves
    // and begin IMMEDIATE (see dialect.ts).
    return db.connection().execute(async (conn) => {
      await sql.raw(capabilities.beginStatement).execute(conn);
      try {
        const result = await work(fn, asExecutor(conn));
        await sql.raw('commit').execute(conn);
        return result;
      } catch (error) {
        await sql.raw('rollback').execute(conn);
        throw error;
      }
    });
  }

  const store: Store = {
    db,
    changes,
    sqlite: handle,
    capabilities,
    executor: asExecutor(db),
    transaction,
    onMomentumInputs: null,
    async migrateToLatest() {
      const { error, results } = await migrator.migrateToLatest();
      if (error) {
        const failed = results?.find((r) => r.status === 'Error')?.migrationName;
        throw new Error(`Database migration ${failed ?? ''} failed: ${String(error)}`);
      }
    },
    async migrateDown() {
      const { error } = await migrator.migrateDown();
      if (error) throw new Error(`Database migration down failed: ${String(error)}`);
    },
    async close() {
      await changes.close();
      await db.destroy();
    },
  };
  return store;
}
