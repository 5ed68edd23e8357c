import { Migrator, sql, type Kysely, type MigratorProps } from 'kysely';
import { migrationProvider } from '../migrations/index.ts';
import type { Database } from '../schema.ts';

/**
 * Kysely's migrator over our migrations. Unordered migrations are allowed: numbers are handed
 * out ahead (a later number may ship first), so a database that already ran 018 must still
 * accept 015 when it arrives; a fresh database runs them in name order all the same.
 */
export function newMigrator(
  db: Kysely<Database>,
  props: Partial<Omit<MigratorProps, 'provider'>> = {},
): Migrator {
  return new Migrator({
    db,
    provider: migrationProvider,
    allowUnorderedMigrations: true,
    ...props,
  });
}

/** `select 1`, or an error once `timeoutMs` has passed (a pool that cannot hand out a
 * connection, a single connection held by a long transaction). */
export async function pingWithin(db: Kysely<Database>, timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('Query read timeout (readiness)')), timeoutMs);
  });
  try {
    await Promise.race([sql`select 1`.execute(db), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
