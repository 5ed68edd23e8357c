import { Kysely } from 'kysely';
import type { Executor, TransactionRunner } from '../../core/kernel/transactions.ts';
import { asExecutor } from '../executor.ts';
import { takeMomentumChanges } from '../momentum/momentum-inputs.ts';
import type { Database } from '../schema.ts';
import { writeTrackingPlugin, type ChangeFeed } from './change-feed.ts';
import { DEFAULT_TIMEOUTS, type DatabaseConfig } from './config.ts';
import { classifyDatabaseError } from './database-errors.ts';
import { ONE_OPEN_NEXT_STEP_INDEX } from '../migrations/008_one_open_next_step.ts';
import { openDialect } from '../dialects/index.ts';
import type { BackupResult, DialectCapabilities, TableShape } from '../dialects/dialect.ts';
import type SQLite from 'better-sqlite3';

export interface Store extends TransactionRunner {
  readonly db: Kysely<Database>;
  /** What it was opened with (the job queue connects to the same database). */
  readonly config: DatabaseConfig;
  readonly capabilities: DialectCapabilities;
  /** Whether anything may have changed since a cache entry was read (see change-feed.ts). */
  readonly changes: ChangeFeed;
  /** The raw SQLite handle, for tests and benchmarks (pragmas, integrity checks); null on
   * PostgreSQL. */
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
  /** A consistent, checked copy of the database in a new file (SQLite, while writers carry on);
   * on PostgreSQL an error that says to use pg_dump. */
  backup(target: string): Promise<BackupResult>;
  /** The tables and columns the migrations made (for the generated schema types). */
  tables(): Promise<TableShape[]>;
  migrateToLatest(): Promise<void>;
  migrateDown(): Promise<void>;
  close(): Promise<void>;
}

/** How many times a transaction is run again after a collision that retrying resolves. */
const MAX_TRANSACTION_ATTEMPTS = 3;

/** Errors a transaction is run again for: collisions that a second attempt resolves, not ones
 * the caller must hear about (a duplicate name is a 409). */
function isRetryable(error: unknown): boolean {
  const failure = classifyDatabaseError(error);
  if (failure?.kind === 'contention') return true;
  // Two "replace the next step" writes at once: the later one replaces the earlier on retry.
  return failure?.kind === 'unique' && failure.constraint === ONE_OPEN_NEXT_STEP_INDEX;
}

/** Opens the configured database through its dialect (src/storage/dialects; decision 023). */
export async function openStore(config: DatabaseConfig): Promise<Store> {
  const dialect = openDialect(config, {
    timeouts: config.timeouts ?? DEFAULT_TIMEOUTS,
    reportConnectionError: (error) => store.onConnectionError?.(error),
  });
  const { changes } = dialect;
  const db = new Kysely<Database>({
    dialect: dialect.kyselyDialect,
    plugins: [writeTrackingPlugin(changes)],
  });
  const migrator = dialect.migrator(db);

  async function transaction<T>(fn: (tx: Executor) => Promise<T>): Promise<T> {
    try {
      for (let attempt = 1; ; attempt++) {
        try {
          return await dialect.transaction(db, (trx) => work(fn, asExecutor(trx)));
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

  const store: Store = {
    db,
    config,
    changes,
    sqlite: dialect.sqlite,
    capabilities: dialect.capabilities,
    executor: asExecutor(db),
    transaction,
    onMomentumInputs: null,
    ping: (timeoutMs) => dialect.ping(db, timeoutMs),
    onConnectionError: null,
    backup: (target) => dialect.backup(target),
    tables: () => dialect.tables(db),
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
      await dialect.close();
      await db.destroy();
    },
  };
  return store;
}
