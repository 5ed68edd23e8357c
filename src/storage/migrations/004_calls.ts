import type { Kysely } from 'kysely';

/*
 * Outcomes of deals: each time a deal is won, lost or paused, with the reason and the lesson
 * taken from it. The deal row keeps only its current status; this keeps the history, so that a
 * deal paused in October and lost in December counts in both months, each with its lesson.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('deal_outcomes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('deal_id', 'text', (c) => c.notNull().references('deals.id'))
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('lesson', 'text')
    .addColumn('lesson_habits', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('re_engage_on', 'text')
    .addColumn('decided_by', 'text', (c) => c.notNull().references('members.id'))
    .addColumn('decided_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('deal_outcomes_workspace_at_idx')
    .on('deal_outcomes')
    .columns(['workspace_id', 'decided_at'])
    .execute();
  await db.schema
    .createIndex('deal_outcomes_deal_idx')
    .on('deal_outcomes')
    .columns(['deal_id', 'decided_at'])
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('deal_outcomes').execute();
}
