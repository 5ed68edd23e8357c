import type { Kysely } from 'kysely';

/*
 * E-mail in (issue 18).
 *
 * - `mail_messages`: every message read from a source (IMAP, SMTP, upload, `mail import`), once:
 *   `message_key` is its Message-ID (or a digest of the raw message when it has none), unique per
 *   workspace, so a message seen twice is never filed twice. Only plain text is kept (never the
 *   HTML), attachments as names and sizes. `status` is filed / ambiguous / unfiled / refused;
 *   a filed message has its deal and the e-mail touch it recorded.
 * - `mail_matches`: a message's proposal that it keeps one of the deal's open promises, with the
 *   band (confident / weak), score, the words that matched and why; `state` proposed / kept /
 *   dismissed.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('mail_messages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('message_key', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('direction', 'text')
    .addColumn('member_id', 'text', (c) => c.references('members.id'))
    .addColumn('from_address', 'text')
    .addColumn('recipients', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text', (c) => c.notNull())
    .addColumn('body_text', 'text', (c) => c.notNull())
    .addColumn('attachments', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('deal_id', 'text', (c) => c.references('deals.id'))
    .addColumn('candidate_deal_ids', 'text', (c) => c.notNull())
    .addColumn('touch_id', 'text', (c) => c.references('touches.id'))
    .addColumn('proposed_promises', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('mail_messages_key_uq')
    .on('mail_messages')
    .columns(['workspace_id', 'message_key'])
    .unique()
    .execute();
  await db.schema
    .createIndex('mail_messages_status_idx')
    .on('mail_messages')
    .columns(['workspace_id', 'status', 'received_at'])
    .execute();
  await db.schema
    .createTable('mail_matches')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('mail_message_id', 'text', (c) => c.notNull().references('mail_messages.id'))
    .addColumn('commitment_id', 'text', (c) => c.notNull().references('commitments.id'))
    .addColumn('band', 'text', (c) => c.notNull())
    .addColumn('score', 'real', (c) => c.notNull())
    .addColumn('matched', 'text', (c) => c.notNull())
    .addColumn('reasons', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'text')
    .execute();
  await db.schema
    .createIndex('mail_matches_message_idx')
    .on('mail_matches')
    .columns(['mail_message_id'])
    .execute();
  await db.schema
    .createIndex('mail_matches_state_idx')
    .on('mail_matches')
    .columns(['workspace_id', 'state'])
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('mail_matches').execute();
  await db.schema.dropTable('mail_messages').execute();
}
