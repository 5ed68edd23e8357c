import { sql } from 'kysely';
import type { Store } from '../../src/storage/connection/open.ts';
import type { TestDatabase } from './dialects.ts';

/**
 * The tables of a test database, without Kysely's migration tables, sorted. On PostgreSQL only
 * our own schema is read: Kysely's introspection reads every schema on the server and fails (or
 * lists the job queue's tables) while another suite creates or drops its own.
 */
export async function ownTableNames(store: Store, database: TestDatabase): Promise<string[]> {
  const names =
    database.config.dialect === 'postgres'
      ? (
          await sql<{ name: string }>`select table_name as name from information_schema.tables
            where table_schema = ${database.config.schema} and table_type = 'BASE TABLE'`.execute(
            store.db,
          )
        ).rows.map((r) => r.name)
      : (await store.db.introspection.getTables()).map((t) => t.name);
  return names.filter((n) => !n.startsWith('kysely_')).sort();
}
