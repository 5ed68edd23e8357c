import { sql, type DatabaseIntrospector, type Kysely, type TableMetadata } from 'kysely';
import type { Database } from '../../schema.ts';
import type { TableShape } from '../dialect.ts';

/*
 * Reads of the catalogue scoped to one schema. Kysely's own introspector reads the columns of
 * every table in every schema, and PostgreSQL fails that read when another schema is dropped
 * while it runs (another app's, or a parallel suite's in a shared test database).
 */

/** Kysely's migrator asks whether its own two tables exist: one catalogue query that nothing
 * outside our schema can disturb answers it. */
export function schemaScopedIntrospector(
  db: Kysely<Database>,
  schema: string,
): DatabaseIntrospector {
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

/** Our tables and their columns in `schema`, in column order (migration bookkeeping left out). */
export async function postgresTables(db: Kysely<Database>, schema: string): Promise<TableShape[]> {
  const { rows } = await sql<{
    table: string;
    column: string;
    type: string;
    not_null: boolean;
    has_default: boolean;
  }>`select c.relname as table, a.attname as column,
       pg_catalog.format_type(a.atttypid, null) as type,
       a.attnotnull as not_null, a.atthasdef as has_default
     from pg_catalog.pg_attribute a
     join pg_catalog.pg_class c on c.oid = a.attrelid
     join pg_catalog.pg_namespace n on n.oid = c.relnamespace
     where n.nspname = ${schema} and c.relkind in ('r', 'p')
       and a.attnum > 0 and not a.attisdropped and c.relname not like 'kysely\\_%'
     order by c.relname, a.attnum`.execute(db);
  const tables = new Map<string, TableShape>();
  for (const r of rows) {
    let table = tables.get(r.table);
    if (!table) tables.set(r.table, (table = { name: r.table, columns: [] }));
    table.columns.push({
      name: r.column,
      type: r.type,
      nullable: !r.not_null,
      hasDefault: r.has_default,
    });
  }
  return [...tables.values()];
}
