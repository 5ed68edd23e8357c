import type { Kysely } from 'kysely';

/*
 * Renegotiated promises and what closing a deal does with its open work.
 *
 * - `commitment_renegotiations`: each time a promise's due date was changed with the customer,
 *   the due it had and the one agreed, so a late promise moved to a new date still shows that it
 *   was once due earlier.
 * - `commitments.due_agreed_on`: the day the current due date was agreed (null: the day it was
 *   made). The early target is never before that day, as for a new promise.
 * - `next_steps.dropped_reason`: why a next step was dropped (when its deal was closed).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('commitment_renegotiations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('commitment_id', 'text', (c) => c.notNull().references('commitments.id'))
    .addColumn('previous_due', 'text', (c) => c.notNull())
    .addColumn('previous_due_time', 'text')
    .addColumn('due', 'text')
    .addColumn('due_time', 'text')
    .addColumn('reason', 'text')
    .addColumn('renegotiated_by', 'text', (c) => c.notNull().references('members.id'))
    .addColumn('renegotiated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('commitment_renegotiations_commitment_idx')
    .on('commitment_renegotiations')
    .columns(['commitment_id', 'renegotiated_at'])
    .execute();
  await db.schema.alterTable('commitments').addColumn('due_agreed_on', 'text').execute();
  await db.schema.alterTable('next_steps').addColumn('dropped_reason', 'text').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('next_steps').dropColumn('dropped_reason').execute();
  await db.schema.alterTable('commitments').dropColumn('due_agreed_on').execute();
  await db.schema.dropTable('commitment_renegotiations').execute();
}
