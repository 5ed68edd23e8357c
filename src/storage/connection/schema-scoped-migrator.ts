import type { Kysely } from 'kysely';
import { Migrator, sql, type DatabaseIntrospector, type TableMetadata } from 'kysely';
import { migrationProvider } from '../migrations/index.ts';
import type { Database } from '../schema.ts';

/**
 * Kysely's migrator asks whether its own two tables exist by reading the columns of every
 * table in every schema, and PostgreSQL fails that read when another schema is dropped while it
 * runs (another app's, or a parallel suite's in a shared test database). On PostgreSQL the
 * migrator gets an introspector that reads our schema's table names only: one catalogue query
 * that nothing outside our schema can disturb.
 */
export function migratorFor(db: Kysely<Database>, postgresSchema: string | null): Migrator {
  if (postgresSchema === null) return new Migrator({ db, provider: migrationProvider });
  const introspector = schemaScopedIntrospector(db, postgresSchema);
  const scoped = new Proxy(db, {
    get(target, property) {
      if (property === 'introspection') return introspector;
      const value: unknown = Reflect.get(target, property, target);
      // Kysely keeps its state in private fields, which only the real instance may read.
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return new Migrator({
    db: scoped,
    provider: migrationProvider,
    // Without a schema, Kysely would look for its tables in every schema and could find another's.
    migrationTableSchema: postgresSchema,
  });
}

function schemaScopedIntrospector(db: Kysely<Database>, schema: string): DatabaseIntrospector {
  async function getTables(): Promise<TableMetadata[]> {
    // pg_class directly: information_schema's views check privileges table by table.
    const { rows } = await sql<{ name: string }>`select c.relname as name
      from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
      where n.nspname = ${schema} and c.relkind in ('r', 'p', 'v')`.execute(db);
    return rows.map((row) => ({ name: row.name, schema, isView: false, columns: [] }));
  }
  return {
    async getSchemas() {
      const { rows } = await sql<{ name: string }>`select nspname as name
        from pg_catalog.pg_namespace`.execute(db);
      return rows;
    },
    getTables,
    async getMetadata() {
      return { tables: await getTables() };
    },
  };
}
