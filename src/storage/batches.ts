import { PostgresAdapter } from 'kysely';
import type { Executor } from '../core/shared/transactions.ts';
import { CAPABILITIES, type DialectCapabilities } from './connection/dialect.ts';
import { kyselyOf } from './executor.ts';

/** The capabilities of the dialect an executor speaks (a repository is handed only that). */
export function capabilitiesOf(ex: Executor): DialectCapabilities {
  return kyselyOf(ex).getExecutor().adapter instanceof PostgresAdapter
    ? CAPABILITIES.postgres
    : CAPABILITIES.sqlite;
}

/**
 * Rows cut into multi-row INSERTs, each as large as the dialect lets one statement be: every
 * row binds `parametersPerRow` parameters, and a statement at most `maxParameters`.
 */
export function insertBatches<T>(
  ex: Executor,
  rows: readonly T[],
  parametersPerRow: number,
): T[][] {
  const size = Math.max(1, Math.floor(capabilitiesOf(ex).maxParameters / parametersPerRow));
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}
