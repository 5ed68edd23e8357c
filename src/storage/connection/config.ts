import path from 'node:path';

/** How long a request may wait for the database before it gets a 503 instead of hanging. */
export interface DatabaseTimeouts {
  /** Waiting for a pooled connection, or for a new one to open (PostgreSQL), or for SQLite's
   * write lock. */
  acquireMs: number;
  /** One statement (PostgreSQL's statement_timeout; the client gives up a little later if the
   * server does not answer at all, e.g. frozen). */
  statementMs: number;
}

export const DEFAULT_TIMEOUTS: DatabaseTimeouts = { acquireMs: 5_000, statementMs: 10_000 };

export type DatabaseConfig = (
  { dialect: 'sqlite'; file: string } | { dialect: 'postgres'; url: string; schema?: string }
) & { timeouts?: DatabaseTimeouts };

export const DEFAULT_SQLITE_FILE = path.join('data', 'momentum.db');

function timeoutFromEnv(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < 1)
    throw new Error(`${name} must be a whole number of milliseconds above 0 (got "${raw}").`);
  return Number(raw);
}

/** MOMENTUM_DB_ACQUIRE_TIMEOUT_MS and MOMENTUM_DB_STATEMENT_TIMEOUT_MS, or the defaults. */
export function timeoutsFromEnv(env: NodeJS.ProcessEnv = process.env): DatabaseTimeouts {
  return {
    acquireMs: timeoutFromEnv(env, 'MOMENTUM_DB_ACQUIRE_TIMEOUT_MS', DEFAULT_TIMEOUTS.acquireMs),
    statementMs: timeoutFromEnv(
      env,
      'MOMENTUM_DB_STATEMENT_TIMEOUT_MS',
      DEFAULT_TIMEOUTS.statementMs,
    ),
  };
}

/** `DATABASE_URL=postgres://…` picks PostgreSQL; otherwise `--db PATH`, `MOMENTUM_DB`, or the
 * default file under ./data. */
export function resolveDatabaseConfig(
  options: { db?: string | undefined },
  env: NodeJS.ProcessEnv = process.env,
): DatabaseConfig {
  const url = env.DATABASE_URL;
  const timeouts = timeoutsFromEnv(env);
  if (url && /^postgres(ql)?:\/\//.test(url)) return { dialect: 'postgres', url, timeouts };
  if (url)
    throw new Error(`DATABASE_URL must start with postgres:// (got "${url.split(':')[0]}:…").`);
  return {
    dialect: 'sqlite',
    file: options.db ?? env.MOMENTUM_DB ?? DEFAULT_SQLITE_FILE,
    timeouts,
  };
}
