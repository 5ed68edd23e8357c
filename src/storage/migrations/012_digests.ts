import type { Kysely } from 'kysely';

/*
 * The daily digest e-mail (issue 14).
 *
 * - `digest_preferences`: a member's choice, one row per member once they (or a send) touched it;
 *   no row means the defaults (on, at 08:00 in the member's zone). `unsubscribe_key` signs the
 *   one-click unsubscribe link (HMAC), so the link works without signing in and a new key
 *   invalidates every link sent before.
 * - `digest_sends`: one row per member and local date, claimed before the e-mail leaves. The
 *   unique index on (member_id, local_date) is what makes two servers, a retry or two operators
 *   unable to send the same digest twice: the second claim fails on it.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('digest_preferences')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('member_id', 'text', (c) => c.notNull().references('members.id'))
    .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('send_at', 'text', (c) => c.notNull().defaultTo('08:00'))
    .addColumn('unsubscribe_key', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .createIndex('digest_preferences_member_uq')
    .on('digest_preferences')
    .column('member_id')
    .unique()
    .execute();
  await db.schema
    .createTable('digest_sends')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('member_id', 'text', (c) => c.notNull().references('members.id'))
    .addColumn('local_date', 'text', (c) => c.notNull())
    // sending: claimed, the SMTP exchange under way (or the sender died during it);
    // sent: the SMTP server accepted it; failed: released, a retry may claim it again.
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('claimed_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('error', 'text')
    .execute();
  await db.schema
    .createIndex('digest_sends_member_date_uq')
    .on('digest_sends')
    .columns(['member_id', 'local_date'])
    .unique()
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('digest_sends').execute();
  await db.schema.dropTable('digest_preferences').execute();
}
