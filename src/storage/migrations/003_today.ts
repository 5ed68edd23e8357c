import type { Kysely } from 'kysely';

/*
 * Covering indexes for Today's hot read (see storage/queries/today-read-model.ts): a member's
 * open deals with the columns Today needs, each deal's momentum snapshot for the day, and its
 * open next step's date. With them the agenda of a member with 10,000 open deals is read from
 * three index ranges, without visiting the tables.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('deals_today_idx')
    .on('deals')
    .columns([
      'owner_id',
      'status',
      'id',
      'stage_id',
      'last_touch_at',
      'created_at',
      'stage_changed_at',
      'account_id',
      'title',
    ])
    .execute();
  await db.schema
    .createIndex('momentum_snapshots_score_idx')
    .on('momentum_snapshots')
    .columns(['deal_id', 'day', 'score'])
    .execute();
  await db.schema
    .createIndex('next_steps_today_idx')
    .on('next_steps')
    .columns(['deal_id', 'state', 'due_date', 'due_time', 'id'])
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('next_steps_today_idx').execute();
  await db.schema.dropIndex('momentum_snapshots_score_idx').execute();
  await db.schema.dropIndex('deals_today_idx').execute();
}
