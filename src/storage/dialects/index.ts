import type { DatabaseConfig } from '../connection/config.ts';
import type { DialectModule, DialectName, OpenOptions, OpenedDialect } from './dialect.ts';
import { postgresDialect } from './postgres/postgres-dialect.ts';
import { sqliteDialect } from './sqlite/sqlite-dialect.ts';

/** Every dialect, by the name a configuration gives. The only place that knows them all. */
export const DIALECT_MODULES: {
  [Name in DialectName]: DialectModule<Extract<DatabaseConfig, { dialect: Name }>>;
} = { sqlite: sqliteDialect, postgres: postgresDialect };

/** Opens the database a configuration names, with its dialect. */
export function openDialect(config: DatabaseConfig, options: OpenOptions): OpenedDialect {
  return (DIALECT_MODULES[config.dialect] as DialectModule).open(config, options);
}
