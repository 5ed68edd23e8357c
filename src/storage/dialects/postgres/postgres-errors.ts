import type { DatabaseFailure, DatabaseFailureKind } from '../dialect.ts';

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

/** `pg` errors: SQLSTATE codes from the server, socket errors and the client's own messages. */
export function classifyPostgresError(error: object): DatabaseFailure | null {
  const e = error as { code?: unknown; message?: unknown; constraint?: unknown };
  const code = typeof e.code === 'string' ? e.code : '';
  const message = typeof e.message === 'string' ? e.message : '';
  if (SOCKET_CODES.has(code)) return { kind: 'unavailable' };
  if (/^[0-9A-Z]{5}$/.test(code)) {
    const kind = PG_CODES[code] ?? (code.startsWith('08') ? 'unavailable' : undefined);
    if (!kind) return null;
    const constraint = typeof e.constraint === 'string' ? e.constraint : undefined;
    return { kind, ...(constraint && { constraint }) };
  }
  for (const [pattern, kind] of PG_CLIENT_MESSAGES) if (pattern.test(message)) return { kind };
  return null;
}
