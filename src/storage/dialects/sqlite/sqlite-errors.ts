import type { DatabaseFailure } from '../dialect.ts';

/** better-sqlite3's errors carry SQLite's extended result codes (`SQLITE_*`). */
export function classifySqliteError(error: object): DatabaseFailure | null {
  const e = error as { code?: unknown; message?: unknown };
  const code = typeof e.code === 'string' ? e.code : '';
  if (!code.startsWith('SQLITE_')) return null;
  const message = typeof e.message === 'string' ? e.message : '';
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
  // Another SQLite error: one of ours, but not one the caller can act on.
  return null;
}
