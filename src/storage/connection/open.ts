import fs from 'node:fs';
import path from 'node:path';
import type SQLite from 'better-sqlite3';
import type pg from 'pg';
import { Kysely, PostgresDialect, SqliteDialect, sql, type SqliteDatabase } from 'kysely';
import type { Executor, TransactionRunner } from '../../core/kernel/transactions.ts';
import { asExecutor } from '../executor.ts';
import { takeMomentumChanges } from '../momentum/momentum-inputs.ts';
import { migratorFor } from './schema-scoped-migrator.ts';
import type { Database } from '../schema.ts';
import {
  changeChannel,
  postgresChangeFeed,
  sqliteChangeFeed,
  writeTrackingPlugin,
  type ChangeFeed,
} from './change-feed.ts';
import { DEFAULT_TIMEOUTS, type DatabaseConfig, type DatabaseTimeouts } from './config.ts';
import { classifyDatabaseError } from './database-errors.ts';
import { fold } from '../../core/search/fold.ts';
import { loadPg, loadSqlite } from './drivers.ts';
import { ONE_OPEN_NEXT_STEP_INDEX } from '../migrations/008_one_open_next_step.ts';
import { CAPABILITIES, type DialectCapabilities } from './dialect.ts';

export interface Store extends TransactionRunner {
  readonly db: Kysely<Database>;
  /** What it was opened with (the job queue connects to the same database). */
  readonly config: DatabaseConfig;
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
  /** Whether the database answers now, within `timeoutMs` (the readiness check). */
  ping(timeoutMs: number): Promise<void>;
  /** Called with errors of connections nobody was using at the time (a database restart
   * terminates idle connections); the server logs them. They never reach a request. */
  onConnectionError: ((error: unknown) => void) | null;
  migrateToLatest(): Promise<void>;
  migrateDown(): Promise<void>;
  close(): Promise<void>;
}

/** 64 MiB of page cache: the hot indexes of a large workspace stay in memory. */
const SQLITE_CACHE_KIB = 65_536;
const PG_POOL_SIZE = 10;
/** How much longer than statement_timeout the client waits for an answer before it gives the
 * connection up: the server cancels first when it can; this covers a server that is frozen. */
const PG_READ_GRACE_MS = 2_000;
/** How many times a transaction is run again after a collision that retrying resolves. */
const MAX_TRANSACTION_ATTEMPTS = 3;

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

function openSqlite(file: string, timeouts: DatabaseTimeouts) {
  // Resolved here (against process.cwd()), not by the driver against the OS working folder.
  const resolved = file === ':memory:' ? file : path.resolve(file);
  if (resolved !== ':memory:') fs.mkdirSync(path.dirname(resolved), { recursive: true });
  const handle = new (loadSqlite())(resolved);
  applySqlitePragmas(handle, timeouts);
  registerSqliteFunctions(handle);
  const changes = sqliteChangeFeed(handle);
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: withStatementCache(handle) }),
    plugins: [writeTrackingPlugin(changes)],
  });
  return { db, handle, changes };
}

/**
 * A `pg` client class that gives its connection up when the server stops answering a query (the
 * client-side read timeout fired): the query already failed, and the connection may still get
 * its late answer, so it must not go back to the pool for the next request. Made from the
 * driver loaded on first use (see drivers.ts), once.
 */
let boundedClient: typeof pg.Client | undefined;
function boundedClientClass(driver: typeof pg): typeof pg.Client {
  boundedClient ??= class BoundedClient extends driver.Client {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    override query(...args: any[]): any {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      const result = (super.query as (...a: any[]) => any)(...args);
      if (!(result instanceof Promise)) return result;
      return result.catch((error: unknown) => {
        if (error instanceof Error && error.message.startsWith('Query read timeout')) {
          const connection = (this as unknown as { connection: { stream: { destroy(): void } } })
            .connection;
          connection.stream.destroy();
        }
        throw error;
      });
    }
  };
  return boundedClient;
}

function openPostgres(
  url: string,
  schema: string | undefined,
  timeouts: DatabaseTimeouts,
  reportConnectionError: (error: unknown) => void,
) {
  const options = [
    `-c statement_timeout=${timeouts.statementMs}`,
    `-c lock_timeout=${timeouts.statementMs}`,
    // A transaction left open by a vanished client must not hold its locks forever.
    `-c idle_in_transaction_session_timeout=${timeouts.statementMs * 6}`,
  ];
  if (schema) options.push(`-c search_path=${schema}`);
  const pg = loadPg();
  const pool = new pg.Pool({
    connectionString: url,
    max: PG_POOL_SIZE,
    options: options.join(' '),
    Client: boundedClientClass(pg),
    // Bounds both waiting for a free pooled connection and opening a new one.
    connectionTimeoutMillis: timeouts.acquireMs,
    query_timeout: timeouts.statementMs + PG_READ_GRACE_MS,
    keepAlive: true,
    // bigint (int8) and numeric arrive as strings by default; our bigints are money in minor
    // units and counts, which fit in a double exactly.
    types: {
      getTypeParser: (oid: number, format?: string) =>
        oid === 20 ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format as 'text'),
    },
  });
  // A database restart terminates every connection. pg reports it as an 'error' event on the
  // pool (idle connections) or on the client (one checked out between two statements); an
  // 'error' event with no listener would end the process. The pool drops the dead connections
  // and opens new ones on demand; the request that was using one gets the error (a 503).
  pool.on('error', reportConnectionError);
  pool.on('connect', (client) => client.on('error', reportConnectionError));
  const changes = postgresChangeFeed(
    { connectionString: url, connectionTimeoutMillis: timeouts.acquireMs, keepAlive: true },
    changeChannel(schema),
  );
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool }),
    plugins: [writeTrackingPlugin(changes)],
  });
  return { db, changes };
}

/** Errors a transaction is run again for: collisions that a second attempt resolves, not ones
 * the caller must hear about (a duplicate name is a 409). */
function isRetryable(error: unknown): boolean {
  const failure = classifyDatabaseError(error);
  if (failure?.kind === 'contention') return true;
  // Two "replace the next step" writes at once: the later one replaces the earlier on retry.
  return failure?.kind === 'unique' && failure.constraint === ONE_OPEN_NEXT_STEP_INDEX;
}

export async function openStore(config: DatabaseConfig): Promise<Store> {
  let db: Kysely<Database>;
  let changes: ChangeFeed;
  let handle: SQLite.Database | null = null;
  const timeouts = config.timeouts ?? DEFAULT_TIMEOUTS;
  const reportConnectionError = (error: unknown) => store.onConnectionError?.(error);
  if (config.dialect === 'sqlite') {
    ({ db, handle, changes } = openSqlite(config.file, timeouts));
  } else {
    ({ db, changes } = openPostgres(config.url, config.schema, timeouts, reportConnectionError));
  }
  const capabilities = CAPABILITIES[config.dialect];
  const migrator = migratorFor(
    db,
    config.dialect === 'postgres' ? (config.schema ?? 'public') : null,
  );

  async function transaction<T>(fn: (tx: Executor) => Promise<T>): Promise<T> {
    try {
      for (let attempt = 1; ; attempt++) {
        try {
          return await runTransaction(fn);
        } catch (error) {
          if (attempt >= MAX_TRANSACTION_ATTEMPTS || !isRetryable(error)) throw error;
        }
      }
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
        // SQLite rolls a transaction back by itself after some errors (SQLITE_FULL, an I/O
        // error); a second ROLLBACK would fail and hide the real cause.
        if (handle?.inTransaction) await sql.raw('rollback').execute(conn);
        throw error;
      }
    });
  }

  async function ping(timeoutMs: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('Query read timeout (readiness)')), timeoutMs);
    });
    try {
      await Promise.race([sql`select 1`.execute(db), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  const store: Store = {
    db,
    config,
    changes,
    sqlite: handle,
    capabilities,
    executor: asExecutor(db),
    transaction,
    onMomentumInputs: null,
    ping,
    onConnectionError: null,
    async migrateToLatest() {
      const { error, results } = await migrator.migrateToLatest();
      if (!error) return;
      const failed = results?.find((r) => r.status === 'Error')?.migrationName;
      throw new Error(`Database migration ${failed ?? ''} failed: ${String(error)}`);
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
