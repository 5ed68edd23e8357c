import type { Migration, MigrationProvider } from 'kysely';
import * as m001 from './001_initial.ts';

/** Migrations are listed here, in order, so that they ship inside the code and never depend on
 * reading a folder at run time. */
const MIGRATIONS: Record<string, Migration> = {
  '001_initial': m001,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => MIGRATIONS,
};
