import type { Kysely } from 'kysely';

/*
 * Issue 11: API tokens get scopes (what a token may do, beyond its member's role), and the
 * audit log records which credential made each change. Tokens made before this migration keep
 * reading and writing but, like any token made without the right, may no longer mint tokens.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('api_tokens')
    .addColumn('scopes', 'text', (c) => c.notNull().defaultTo('read write'))
    .execute();
  await db.schema.alterTable('audit_log').addColumn('credential_id', 'text').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('audit_log').dropColumn('credential_id').execute();
  await db.schema.alterTable('api_tokens').dropColumn('scopes').execute();
}
