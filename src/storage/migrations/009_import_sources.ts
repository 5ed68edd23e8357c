import type { Kysely } from 'kysely';

/*
 * Imported records remember where they came from: `external_ref` is "<source>:<source id>"
 * (e.g. "hubspot:9876543210"), unique per workspace, so that re-running an import finds and
 * updates the records it made instead of adding them again. Accounts, contacts and deals had the
 * column from the start; activities (touches, promises, next steps) get it here. NULLs (records
 * made in Momentum) never collide, on either dialect.
 */
const TABLES = ['accounts', 'contacts', 'deals', 'touches', 'commitments', 'next_steps'] as const;
const NEW_COLUMNS = ['touches', 'commitments', 'next_steps'] as const;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  for (const table of NEW_COLUMNS) {
    await db.schema.alterTable(table).addColumn('external_ref', 'text').execute();
  }
  for (const table of TABLES) {
    await db.schema
      .createIndex(`${table}_external_ref_uq`)
      .on(table)
      .columns(['workspace_id', 'external_ref'])
      .unique()
      .execute();
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of TABLES) await db.schema.dropIndex(`${table}_external_ref_uq`).execute();
  for (const table of NEW_COLUMNS) {
    await db.schema.alterTable(table).dropColumn('external_ref').execute();
  }
}
