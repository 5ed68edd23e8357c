import type pg from 'pg';
import { PostgresDialect, sql, type Kysely } from 'kysely';
import type { DatabaseConfig, DatabaseTimeouts } from '../../connection/config.ts';
import type { Database } from '../../schema.ts';
import { withCapabilities } from '../capabilities.ts';
import { newMigrator, pingWithin } from '../common.ts';
import type { DialectCapabilities, DialectModule, OpenOptions, OpenedDialect } from '../dialect.ts';
import { changeChannel, notifyStatement, postgresChangeFeed } from './postgres-change-feed.ts';
import { loadPg } from './postgres-driver.ts';
import { classifyPostgresError } from './postgres-errors.ts';
import { postgresTables, schemaScopedIntrospector } from './postgres-introspector.ts';

export const POSTGRES_CAPABILITIES: DialectCapabilities = {
  name: 'postgres',
  // The wire protocol counts parameters in 16 bits: 65535.
  maxParameters: 65_000,
  analyzeAfterBulkWrite: true,
};

const PG_POOL_SIZE = 10;
/** How much longer than statement_timeout the client waits for an answer before it gives the
 * connection up: the server cancels first when it can; this covers a server that is frozen. */
const PG_READ_GRACE_MS = 2_000;

/**
 * A `pg` client class that gives its connection up when the server stops answering a query (the
 * client-side read timeout fired): the query already failed, and the connection may still get
 * its late answer, so it must not go back to the pool for the next request. Made from the
 * driver loaded on first use (see postgres-driver.ts), once.
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

function newPool(
  url: string,
  schema: string | undefined,
  timeouts: DatabaseTimeouts,
  reportConnectionError: (error: unknown) => void,
): pg.Pool {
  const options = [
    `-c statement_timeout=${timeouts.statementMs}`,
    `-c lock_timeout=${timeouts.statementMs}`,
    // A transaction left open by a vanished client must not hold its locks forever.
    `-c idle_in_transaction_session_timeout=${timeouts.statementMs * 6}`,
  ];
  if (schema) options.push(`-c search_path=${schema}`);
  const driver = loadPg();
  const pool = new driver.Pool({
    connectionString: url,
    max: PG_POOL_SIZE,
    options: options.join(' '),
    Client: boundedClientClass(driver),
    // Bounds both waiting for a free pooled connection and opening a new one.
    connectionTimeoutMillis: timeouts.acquireMs,
    query_timeout: timeouts.statementMs + PG_READ_GRACE_MS,
    keepAlive: true,
    // bigint (int8) and numeric arrive as strings by default; our bigints are money in minor
    // units and counts, which fit in a double exactly.
    types: {
      getTypeParser: (oid: number, format?: string) =>
        oid === 20 ? (v: string) => Number(v) : driver.types.getTypeParser(oid, format as 'text'),
    },
  });
  // A database restart terminates every connection. pg reports it as an 'error' event on the
  // pool (idle connections) or on the client (one checked out between two statements); an
  // 'error' event with no listener would end the process. The pool drops the dead connections
  // and opens new ones on demand; the request that was using one gets the error (a 503).
  pool.on('error', reportConnectionError);
  pool.on('connect', (client) => client.on('error', reportConnectionError));
  return pool;
}

type PostgresConfig = Extract<DatabaseConfig, { dialect: 'postgres' }>;

function openPostgres(config: PostgresConfig, options: OpenOptions): OpenedDialect {
  const { url, schema } = config;
  const { timeouts } = options;
  const pool = newPool(url, schema, timeouts, options.reportConnectionError);
  const channel = changeChannel(schema);
  const announce = notifyStatement(channel);
  const changes = postgresChangeFeed(
    { connectionString: url, connectionTimeoutMillis: timeouts.acquireMs, keepAlive: true },
    channel,
  );
  const ownSchema = schema ?? 'public';
  return {
    capabilities: POSTGRES_CAPABILITIES,
    kyselyDialect: withCapabilities(new PostgresDialect({ pool }), POSTGRES_CAPABILITIES),
    changes,
    sqlite: null,

    transaction: (db, work) =>
      db.transaction().execute(async (trx) => {
        const result = await work(trx);
        await sql.raw(announce).execute(trx);
        return result;
      }),

    migrator(db) {
      // The migrator reads only our schema's catalogue (see postgres-introspector.ts).
      const introspector = schemaScopedIntrospector(db, ownSchema);
      const scoped = new Proxy(db, {
        get(target, property) {
          if (property === 'introspection') return introspector;
          const value: unknown = Reflect.get(target, property, target);
          // Kysely keeps its state in private fields, which only the real instance may read.
          return typeof value === 'function' ? value.bind(target) : value;
        },
      });
      // Without a schema, Kysely would look for its tables in every schema and could find
      // another's.
      return newMigrator(scoped, { migrationTableSchema: ownSchema });
    },

    ping: pingWithin,
    backup: () =>
      Promise.reject(
        new Error(
          'backup copies the SQLite file; on PostgreSQL use pg_dump (e.g. pg_dump "$DATABASE_URL" > momentum.sql).',
        ),
      ),
    tables: (db: Kysely<Database>) => postgresTables(db, ownSchema),
    close: () => changes.close(),
  };
}

export const postgresDialect: DialectModule<PostgresConfig> = {
  capabilities: POSTGRES_CAPABILITIES,
  open: openPostgres,
  classifyError: classifyPostgresError,
};
