import type { Kysely } from 'kysely';

/*
 * Conventions that make one schema behave the same on SQLite and PostgreSQL:
 * - ids are text; instants are UTC ISO-8601 text with milliseconds (`*_at`), which compare and
 *   sort identically on both; calendar dates are YYYY-MM-DD text (`*_on`, `*_date`);
 * - booleans are integers 0/1; structured values are JSON in text columns;
 * - money is bigint minor units.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('workspaces')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();

  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();

  await db.schema
    .createTable('members')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('time_zone', 'text', (c) => c.notNull())
    .addColumn('region', 'text', (c) => c.notNull())
    .addColumn('weekend', 'text', (c) => c.notNull().defaultTo('sat,sun'))
    .addColumn('lead_days', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('march_floor', 'integer', (c) => c.notNull())
    .addColumn('march_ceiling', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('removed_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint('members_workspace_user_uq', ['workspace_id', 'user_id'])
    .execute();
  await db.schema.createIndex('members_user_idx').on('members').column('user_id').execute();

  await db.schema
    .createTable('member_days_off')
    .addColumn('member_id', 'text', (c) => c.notNull().references('members.id').onDelete('cascade'))
    .addColumn('day', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('member_days_off_pk', ['member_id', 'day'])
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .execute();
  await db.schema.createIndex('sessions_user_idx').on('sessions').column('user_id').execute();

  await db.schema
    .createTable('api_tokens')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('member_id', 'text', (c) => c.notNull().references('members.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_used_at', 'text')
    .addColumn('revoked_at', 'text')
    .execute();
  await db.schema
    .createIndex('api_tokens_member_idx')
    .on('api_tokens')
    .column('member_id')
    .execute();

  await db.schema
    .createTable('invitations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('invited_by', 'text', (c) => c.notNull().references('members.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('accepted_at', 'text')
    .addColumn('revoked_at', 'text')
    .execute();

  await db.schema
    .createTable('stages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_key', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('neglect_days', 'integer', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint('stages_workspace_name_uq', ['workspace_id', 'name_key'])
    .execute();

  await db.schema
    .createTable('habits')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('removed_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .createIndex('habits_workspace_idx')
    .on('habits')
    .columns(['workspace_id', 'position'])
    .execute();

  await db.schema
    .createTable('accounts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_key', 'text', (c) => c.notNull())
    .addColumn('domain', 'text')
    .addColumn('external_ref', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint('accounts_workspace_name_uq', ['workspace_id', 'name_key'])
    .execute();

  await db.schema
    .createTable('contacts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('email', 'text')
    .addColumn('title', 'text')
    .addColumn('external_ref', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .createIndex('contacts_account_idx')
    .on('contacts')
    .columns(['account_id', 'name'])
    .execute();

  await db.schema
    .createTable('deals')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('owner_id', 'text', (c) => c.notNull().references('members.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('stage_id', 'text', (c) => c.notNull().references('stages.id'))
    .addColumn('amount_minor', 'bigint')
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('expected_close', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('re_engage_on', 'text')
    .addColumn('close_reason', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('stage_changed_at', 'text', (c) => c.notNull())
    .addColumn('last_touch_at', 'text')
    .addColumn('external_ref', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  // Today and the deal list read a member's deals by status, oldest touch first.
  await db.schema
    .createIndex('deals_owner_status_touch_idx')
    .on('deals')
    .columns(['owner_id', 'status', 'last_touch_at'])
    .execute();
  await db.schema
    .createIndex('deals_workspace_status_idx')
    .on('deals')
    .columns(['workspace_id', 'status'])
    .execute();
  await db.schema.createIndex('deals_account_idx').on('deals').column('account_id').execute();

  await db.schema
    .createTable('deal_shares')
    .addColumn('deal_id', 'text', (c) => c.notNull().references('deals.id').onDelete('cascade'))
    .addColumn('member_id', 'text', (c) => c.notNull().references('members.id'))
    .addPrimaryKeyConstraint('deal_shares_pk', ['deal_id', 'member_id'])
    .execute();
  await db.schema
    .createIndex('deal_shares_member_idx')
    .on('deal_shares')
    .column('member_id')
    .execute();

  await db.schema
    .createTable('calls')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('deal_id', 'text', (c) => c.notNull().references('deals.id'))
    .addColumn('logged_by', 'text', (c) => c.notNull().references('members.id'))
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('time_zone', 'text', (c) => c.notNull())
    .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('outcome', 'text')
    .addColumn('reason', 'text')
    .addColumn('lesson', 'text')
    .addColumn('lesson_habits', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .createIndex('calls_deal_idx')
    .on('calls')
    .columns(['deal_id', 'started_at'])
    .execute();
  await db.schema
    .createIndex('calls_logger_idx')
    .on('calls')
    .columns(['logged_by', 'started_at'])
    .execute();

  await db.schema
    .createTable('call_attendees')
    .addColumn('call_id', 'text', (c) => c.notNull().references('calls.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('side', 'text', (c) => c.notNull())
    .addColumn('member_id', 'text', (c) => c.references('members.id'))
    .addColumn('contact_id', 'text', (c) => c.references('contacts.id'))
    .addPrimaryKeyConstraint('call_attendees_pk', ['call_id', 'position'])
    .execute();

  await db.schema
    .createTable('call_habits')
    .addColumn('call_id', 'text', (c) => c.notNull().references('calls.id').onDelete('cascade'))
    .addColumn('habit_id', 'text', (c) => c.notNull().references('habits.id'))
    .addColumn('state', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('call_habits_pk', ['call_id', 'habit_id'])
    .execute();

  await db.schema
    .createTable('plan_revisions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('deal_id', 'text', (c) => c.notNull().references('deals.id'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('document', 'text', (c) => c.notNull())
    .addColumn('author_id', 'text', (c) => c.notNull().references('members.id'))
    .addColumn('call_id', 'text', (c) => c.references('calls.id'))
    .addColumn('summary', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('plan_revisions_deal_number_uq', ['deal_id', 'number'])
    .execute();

  await db.schema
    .createTable('commitments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('deal_id', 'text', (c) => c.notNull().references('deals.id'))
    .addColumn('owner_id', 'text', (c) => c.notNull().references('members.id'))
    .addColumn('side', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('due_date', 'text')
    .addColumn('due_time', 'text')
    .addColumn('made_on', 'text', (c) => c.notNull())
    .addColumn('lead_days', 'integer')
    .addColumn('target_date', 'text')
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('done_at', 'text')
    .addColumn('classification', 'text')
    .addColumn('dropped_reason', 'text')
    .addColumn('snoozed_until', 'text')
    .addColumn('snooze_reason', 'text')
    .addColumn('last_chased_at', 'text')
    .addColumn('source_sentence', 'text')
    .addColumn('call_id', 'text', (c) => c.references('calls.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  // Covering index for Today: a member's open promises in target order, with what it needs.
  await db.schema
    .createIndex('commitments_owner_open_target_idx')
    .on('commitments')
    .columns(['owner_id', 'state', 'target_date', 'due_date', 'side', 'deal_id'])
    .execute();
  await db.schema
    .createIndex('commitments_deal_idx')
    .on('commitments')
    .columns(['deal_id', 'state'])
    .execute();

  await db.schema
    .createTable('touches')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('deal_id', 'text', (c) => c.notNull().references('deals.id'))
    .addColumn('member_id', 'text', (c) => c.notNull().references('members.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('text', 'text')
    .addColumn('commitment_id', 'text', (c) => c.references('commitments.id'))
    .addColumn('call_id', 'text', (c) => c.references('calls.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('touches_deal_at_idx')
    .on('touches')
    .columns(['deal_id', 'at'])
    .execute();
  await db.schema
    .createIndex('touches_member_at_idx')
    .on('touches')
    .columns(['member_id', 'at'])
    .execute();

  await db.schema
    .createTable('next_steps')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('deal_id', 'text', (c) => c.notNull().references('deals.id'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('due_time', 'text')
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('call_id', 'text', (c) => c.references('calls.id'))
    .addColumn('created_by', 'text', (c) => c.notNull().references('members.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .createIndex('next_steps_deal_state_idx')
    .on('next_steps')
    .columns(['deal_id', 'state'])
    .execute();

  await db.schema
    .createTable('momentum_snapshots')
    .addColumn('deal_id', 'text', (c) => c.notNull().references('deals.id').onDelete('cascade'))
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('score', 'integer', (c) => c.notNull())
    .addColumn('factors', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('momentum_snapshots_pk', ['deal_id', 'day'])
    .execute();

  await db.schema
    .createTable('quotas')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('member_id', 'text', (c) => c.notNull().references('members.id'))
    .addColumn('period_start', 'text', (c) => c.notNull())
    .addColumn('period_end', 'text', (c) => c.notNull())
    .addColumn('amount_minor', 'bigint', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('actor_id', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('before', 'text')
    .addColumn('after', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('audit_log_workspace_at_idx')
    .on('audit_log')
    .columns(['workspace_id', 'at'])
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'audit_log',
    'quotas',
    'momentum_snapshots',
    'next_steps',
    'touches',
    'commitments',
    'plan_revisions',
    'call_habits',
    'call_attendees',
    'calls',
    'deal_shares',
    'deals',
    'contacts',
    'accounts',
    'habits',
    'stages',
    'invitations',
    'api_tokens',
    'sessions',
    'member_days_off',
    'members',
    'users',
    'workspaces',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
