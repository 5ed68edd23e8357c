/**
 * What a driver error means for the caller, on either dialect. The drivers speak different
 * languages (SQLSTATE codes and socket errors from `pg`, `SQLITE_*` codes from better-sqlite3);
 * the HTTP problem mapping and the CLI ask this one function instead of knowing either.
 */
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

/** SQLSTATE classes and codes (PostgreSQL appendix A). */
const PG_CODES: Record<string, DatabaseFailureKind> = {
  '23505': 'unique',
  '23503': 'foreign-key',
  '40001': 'contention',
  '40P01': 'contention',
  '53100': 'disk-full',
  '53200': 'unavailable', // out of memory
  '53300': 'unavailable', // too many connections
  '55P03': 'timeout', // lock not available (lock_timeout)
  '57014': 'timeout', // query canceled (statement_timeout)
  '57P01': 'unavailable', // admin shutdown
  '57P02': 'unavailable', // crash shutdown
  '57P03': 'unavailable', // cannot connect now (starting up, recovering)
  '57P05': 'unavailable', // idle session timeout
  '25006': 'unavailable', // read-only transaction (a standby, or a failover in progress)
  '25P03': 'timeout', // idle in transaction session timeout
};

/** Socket-level errors: the server is not there. */
const SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/** Messages `pg` and its pool raise without a code when a connection dies or a bound runs out. */
const PG_CLIENT_MESSAGES: [RegExp, DatabaseFailureKind][] = [
  [/^Connection terminated/, 'unavailable'],
  [/not queryable/, 'unavailable'],
  [/^timeout exceeded when trying to connect/, 'timeout'],
  [/^Query read timeout/, 'timeout'],
  [/Connection terminated due to connection timeout/, 'timeout'],
];

function sqliteFailure(code: string, message: string): DatabaseFailure | null {
  if (code === 'SQLITE_FULL') return { kind: 'disk-full' };
  if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
    const columns = /constraint failed: (.+)$/.exec(message)?.[1];
    return { kind: 'unique', ...(columns && { constraint: columns }) };
  }
  if (code === 'SQLITE_CONSTRAINT_FOREIGNKEY') return { kind: 'foreign-key' };
  if (code === 'SQLITE_BUSY' || code.startsWith('SQLITE_BUSY_')) return { kind: 'timeout' };
  if (code === 'SQLITE_LOCKED' || code.startsWith('SQLITE_LOCKED_')) return { kind: 'timeout' };
  // A write error of the file system (ENOSPC surfaces as IOERR on some writes, e.g. the WAL
  // index or a checkpoint); the database itself is intact.
  if (code.startsWith('SQLITE_IOERR')) return { kind: 'unavailable' };
  if (code === 'SQLITE_CANTOPEN' || code === 'SQLITE_READONLY') return { kind: 'unavailable' };
  return null;
}

/** Classifies a driver error, or returns null when it is not one this module knows. */
export function classifyDatabaseError(error: unknown): DatabaseFailure | null {
  if (!error || typeof error !== 'object') return null;
  const e = error as { code?: unknown; message?: unknown; constraint?: unknown; cause?: unknown };
  const code = typeof e.code === 'string' ? e.code : '';
  const message = typeof e.message === 'string' ? e.message : '';
  if (code.startsWith('SQLITE_')) return sqliteFailure(code, message);
  if (code === 'ENOSPC') return { kind: 'disk-full' };
  if (SOCKET_CODES.has(code)) return { kind: 'unavailable' };
  if (/^[0-9A-Z]{5}$/.test(code)) {
    const kind = PG_CODES[code] ?? (code.startsWith('08') ? 'unavailable' : undefined);
    if (kind) {
      const constraint = typeof e.constraint === 'string' ? e.constraint : undefined;
      return { kind, ...(constraint && { constraint }) };
    }
    return null;
  }
  for (const [pattern, kind] of PG_CLIENT_MESSAGES) if (pattern.test(message)) return { kind };
  // AggregateError (e.g. a connection refused on both IPv4 and IPv6) or a wrapped cause.
  const nested = (error as { errors?: unknown[] }).errors;
  if (Array.isArray(nested) && nested.length > 0) return classifyDatabaseError(nested[0]);
  if (e.cause && e.cause !== error) return classifyDatabaseError(e.cause);
  return null;
}
