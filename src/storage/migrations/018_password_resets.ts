import type { Kysely } from 'kysely';

/*
 * Password resets by e-mail (issue 14). A reset belongs to a person (a user, like a session),
 * not to a workspace. Only a SHA-256 of its 32-byte random token is kept, as for sessions and
 * API tokens. It works once (`used_at`), until `expires_at`; issuing a new one for the same
 * person ends every older unused one (`used_at` set without a password change).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('password_resets')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('token_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute();
  await db.schema
    .createIndex('password_resets_token_hash_uq')
    .on('password_resets')
    .column('token_hash')
    .unique()
    .execute();
  await db.schema
    .createIndex('password_resets_user_idx')
    .on('password_resets')
    .column('user_id')
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('password_resets').execute();
}
