import type SQLite from 'better-sqlite3';
import type { TableShape } from '../dialect.ts';

interface ColumnInfo {
  name: string;
  type: string;
  notnull: number;
  dflt_value: string | null;
  pk: number;
}

/**
 * Our tables and their columns, from `pragma table_info`. A primary-key column counts as not
 * null: SQLite alone would accept NULL in a non-INTEGER key (a historical quirk), PostgreSQL
 * does not, and the application never writes one.
 */
export function sqliteTables(handle: SQLite.Database): TableShape[] {
  const names = handle
    .prepare(
      `select name from sqlite_schema where type = 'table'
         and name not like 'sqlite\\_%' escape '\\' and name not like 'kysely\\_%' escape '\\'
       order by name`,
    )
    .pluck()
    .all() as string[];
  return names.map((name) => ({
    name,
    columns: (handle.pragma(`table_info("${name.replace(/"/g, '""')}")`) as ColumnInfo[]).map(
      (c) => ({
        name: c.name,
        type: c.type.toLowerCase(),
        nullable: c.notnull === 0 && c.pk === 0,
        hasDefault: c.dflt_value !== null,
      }),
    ),
  }));
}
