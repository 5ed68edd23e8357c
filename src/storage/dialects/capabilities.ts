import type { DialectAdapter, Kysely, Dialect as KyselyDialect } from 'kysely';
import type { Executor } from '../../core/kernel/transactions.ts';
import type { Database } from '../schema.ts';
import type { DialectCapabilities } from './dialect.ts';

/*
 * Capabilities travel with Kysely's adapter, where Kysely keeps its own flags
 * (supportsReturning, supportsTransactionalDdl): a repository holding any executor (the
 * database, a transaction, a reserved connection) reads them without being told the dialect.
 */

interface CapableAdapter extends DialectAdapter {
  readonly momentumCapabilities: DialectCapabilities;
}

/** Kysely's dialect, whose adapter also carries our capabilities. The adapter keeps its class
 * (a migration may still ask `instanceof PostgresAdapter`). */
export function withCapabilities(
  dialect: KyselyDialect,
  capabilities: DialectCapabilities,
): KyselyDialect {
  return {
    createDriver: () => dialect.createDriver(),
    createQueryCompiler: () => dialect.createQueryCompiler(),
    createIntrospector: (db) => dialect.createIntrospector(db),
    createAdapter: () =>
      Object.assign(dialect.createAdapter(), { momentumCapabilities: capabilities }),
  };
}

/** The lowest limit of any dialect: for a Kysely instance not opened by the store. */
const FALLBACK: DialectCapabilities = {
  name: 'sqlite',
  maxParameters: 32_000,
  analyzeAfterBulkWrite: false,
};

/** The capabilities of the database behind an executor (or a Kysely instance). */
export function capabilitiesOf(executor: Executor | Kysely<Database>): DialectCapabilities {
  const db = executor as unknown as Kysely<Database>;
  const adapter = db.getExecutor().adapter as Partial<CapableAdapter>;
  return adapter.momentumCapabilities ?? FALLBACK;
}

/**
 * `items` cut into as few statements as the dialect allows: each item binds `perItem`
 * parameters, and the statement binds `reserved` more besides (its other conditions).
 */
export function chunksFor<T>(
  executor: Executor | Kysely<Database>,
  items: readonly T[],
  { perItem = 1, reserved = 0 }: { perItem?: number; reserved?: number } = {},
): T[][] {
  const size = Math.max(
    1,
    Math.floor((capabilitiesOf(executor).maxParameters - reserved) / perItem),
  );
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
