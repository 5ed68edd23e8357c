import type { Kysely } from 'kysely';
import type { Executor } from '../core/kernel/transactions.ts';
import type { Database } from './schema.ts';

/** The one place where the domain's opaque executor becomes Kysely again. */
export function kyselyOf(executor: Executor): Kysely<Database> {
  return executor as unknown as Kysely<Database>;
}

export function asExecutor(db: Kysely<Database>): Executor {
  return db as unknown as Executor;
}
