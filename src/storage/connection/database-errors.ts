import { DIALECT_MODULES } from '../dialects/index.ts';
import type { DatabaseFailure } from '../dialects/dialect.ts';

export type { DatabaseFailure, DatabaseFailureKind } from '../dialects/dialect.ts';

/*
 * What a driver error means for the caller, on either dialect. The drivers speak different
 * languages (SQLSTATE codes and socket errors from `pg`, `SQLITE_*` codes from better-sqlite3);
 * each dialect reads its own (`sqlite-errors.ts`, `postgres-errors.ts` in dialects/), and the HTTP problem mapping and the CLI
 * ask this one function instead of knowing either.
 */

/** Classifies a driver error, or returns null when it is not one any dialect knows. */
export function classifyDatabaseError(error: unknown): DatabaseFailure | null {
  if (!error || typeof error !== 'object') return null;
  for (const dialect of Object.values(DIALECT_MODULES)) {
    const failure = dialect.classifyError(error);
    if (failure) return failure;
  }
  // A file-system write that found no space (outside either driver's own codes).
  if ((error as { code?: unknown }).code === 'ENOSPC') return { kind: 'disk-full' };
  // AggregateError (e.g. a connection refused on both IPv4 and IPv6) or a wrapped cause.
  const nested = (error as { errors?: unknown[] }).errors;
  if (Array.isArray(nested) && nested.length > 0) return classifyDatabaseError(nested[0]);
  const cause = (error as { cause?: unknown }).cause;
  if (cause && cause !== error) return classifyDatabaseError(cause);
  return null;
}
