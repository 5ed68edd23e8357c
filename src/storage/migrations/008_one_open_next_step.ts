import { sql, type Kysely } from 'kysely';

/** The partial unique index that holds "one open next step per deal" (see open.ts: a write that
 * loses the race on it is retried, so the later request replaces the earlier step). */
export const ONE_OPEN_NEXT_STEP_INDEX = 'next_steps_one_open_uq';

/*
 * A deal has one open next step. The use case closes the open one and inserts the new one, but
 * at READ COMMITTED (PostgreSQL) two requests at once both find the same open step, both close
 * it and both insert: two open steps. The schema now refuses the second. Deals that already
 * have several keep their newest open (the same one the app shows) and the rest are marked
 * replaced, as a replace would have done.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    update next_steps set state = 'replaced', version = version + 1
    where state = 'open' and exists (
      select 1 from next_steps newer
      where newer.deal_id = next_steps.deal_id and newer.state = 'open'
        and (newer.created_at > next_steps.created_at
          or (newer.created_at = next_steps.created_at and newer.id > next_steps.id)))
  `.execute(db);
  await db.schema
    .createIndex(ONE_OPEN_NEXT_STEP_INDEX)
    .on('next_steps')
    .column('deal_id')
    .unique()
    .where(sql.ref('state'), '=', sql.lit('open'))
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex(ONE_OPEN_NEXT_STEP_INDEX).execute();
}
