import type { Kysely } from 'kysely';

/*
 * Calendars (issue 14).
 *
 * `calendar_feeds`: a member's private ICS feed URL. Its secret is a credential and is kept only
 * as its SHA-256 (like API tokens); one live feed per member (rotating revokes the old row).
 *
 * `booked_calls`: meetings imported from a calendar file, booked on a deal. One row per
 * occurrence, keyed by the event's UID and the occurrence's original start (the RECURRENCE-ID,
 * or the start of a single event), so that importing the same file again finds the rows it made.
 * `sequence` moves when an imported occurrence changes, and feeds it back out as SEQUENCE.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('calendar_feeds')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('member_id', 'text', (c) => c.notNull().references('members.id'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .execute();
  await db.schema
    .createIndex('calendar_feeds_member_idx')
    .on('calendar_feeds')
    .column('member_id')
    .execute();
  await db.schema
    .createTable('booked_calls')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('deal_id', 'text', (c) => c.notNull().references('deals.id'))
    .addColumn('member_id', 'text', (c) => c.notNull().references('members.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('ends_at', 'text', (c) => c.notNull())
    .addColumn('location', 'text')
    .addColumn('source_uid', 'text', (c) => c.notNull())
    .addColumn('occurrence', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('sequence', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('booked_calls_occurrence_uq')
    .on('booked_calls')
    .columns(['workspace_id', 'member_id', 'source_uid', 'occurrence'])
    .unique()
    .execute();
  await db.schema
    .createIndex('booked_calls_deal_idx')
    .on('booked_calls')
    .column('deal_id')
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('booked_calls').execute();
  await db.schema.dropTable('calendar_feeds').execute();
}
