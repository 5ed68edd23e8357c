import type { MailRepository } from '../../core/mail/ports.ts';
import type {
  MailMatch,
  MailMessage,
  MailDirection,
  MailSource,
  MailStatus,
  MatchState,
} from '../../core/mail/types.ts';
import { kyselyOf } from '../executor.ts';
import type { MailMatchesTable, MailMessagesTable } from '../schema.ts';

function toMessage(r: MailMessagesTable): MailMessage {
  return {
    id: r.id,
    workspaceId: r.workspace_id,
    messageKey: r.message_key,
    source: r.source as MailSource,
    direction: r.direction as MailDirection | null,
    memberId: r.member_id,
    fromAddress: r.from_address,
    recipients: JSON.parse(r.recipients) as string[],
    subject: r.subject,
    sentAt: r.sent_at,
    bodyText: r.body_text,
    attachments: JSON.parse(r.attachments) as MailMessage['attachments'],
    sizeBytes: Number(r.size_bytes),
    status: r.status as MailStatus,
    reason: r.reason,
    dealId: r.deal_id,
    candidateDealIds: JSON.parse(r.candidate_deal_ids) as string[],
    touchId: r.touch_id,
    proposedPromises: JSON.parse(r.proposed_promises) as MailMessage['proposedPromises'],
    receivedAt: r.received_at,
  };
}

function toMatch(r: MailMatchesTable): MailMatch {
  return {
    id: r.id,
    workspaceId: r.workspace_id,
    mailMessageId: r.mail_message_id,
    commitmentId: r.commitment_id,
    band: r.band as MailMatch['band'],
    score: Number(r.score),
    matched: JSON.parse(r.matched) as string[],
    reasons: JSON.parse(r.reasons) as string[],
    state: r.state as MatchState,
    createdAt: r.created_at,
    decidedAt: r.decided_at,
  };
}

export const mailRepository: MailRepository = {
  async findByKey(ex, workspaceId, messageKey) {
    const r = await kyselyOf(ex)
      .selectFrom('mail_messages')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('message_key', '=', messageKey)
      .executeTakeFirst();
    return r ? toMessage(r) : null;
  },
  async findById(ex, workspaceId, id) {
    const r = await kyselyOf(ex)
      .selectFrom('mail_messages')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', id)
      .executeTakeFirst();
    return r ? toMessage(r) : null;
  },
  async insert(ex, m) {
    await kyselyOf(ex)
      .insertInto('mail_messages')
      .values({
        id: m.id,
        workspace_id: m.workspaceId,
        message_key: m.messageKey,
        source: m.source,
        direction: m.direction,
        member_id: m.memberId,
        from_address: m.fromAddress,
        recipients: JSON.stringify(m.recipients),
        subject: m.subject,
        sent_at: m.sentAt,
        body_text: m.bodyText,
        attachments: JSON.stringify(m.attachments),
        size_bytes: m.sizeBytes,
        status: m.status,
        reason: m.reason,
        deal_id: m.dealId,
        candidate_deal_ids: JSON.stringify(m.candidateDealIds),
        touch_id: m.touchId,
        proposed_promises: JSON.stringify(m.proposedPromises),
        received_at: m.receivedAt,
      })
      .execute();
  },
  async remove(ex, id) {
    await kyselyOf(ex).deleteFrom('mail_messages').where('id', '=', id).execute();
  },
  async update(ex, id, patch) {
    await kyselyOf(ex)
      .updateTable('mail_messages')
      .set({
        ...(patch.status !== undefined && { status: patch.status }),
        ...(patch.reason !== undefined && { reason: patch.reason }),
        ...(patch.dealId !== undefined && { deal_id: patch.dealId }),
        ...(patch.touchId !== undefined && { touch_id: patch.touchId }),
        ...(patch.candidateDealIds !== undefined && {
          candidate_deal_ids: JSON.stringify(patch.candidateDealIds),
        }),
      })
      .where('id', '=', id)
      .execute();
  },
  async setProposedPromises(ex, id, expected, next) {
    const r = await kyselyOf(ex)
      .updateTable('mail_messages')
      .set({ proposed_promises: JSON.stringify(next) })
      .where('id', '=', id)
      .where('proposed_promises', '=', JSON.stringify(expected))
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  },
  async listByStatus(ex, workspaceId, statuses, memberId) {
    let q = kyselyOf(ex)
      .selectFrom('mail_messages')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('status', 'in', [...statuses]);
    if (memberId) q = q.where('member_id', '=', memberId);
    const rows = await q.orderBy('received_at', 'desc').orderBy('id').limit(500).execute();
    return rows.map(toMessage);
  },
  async insertMatch(ex, m) {
    await kyselyOf(ex)
      .insertInto('mail_matches')
      .values({
        id: m.id,
        workspace_id: m.workspaceId,
        mail_message_id: m.mailMessageId,
        commitment_id: m.commitmentId,
        band: m.band,
        score: m.score,
        matched: JSON.stringify(m.matched),
        reasons: JSON.stringify(m.reasons),
        state: m.state,
        created_at: m.createdAt,
        decided_at: m.decidedAt,
      })
      .execute();
  },
  async findMatch(ex, workspaceId, id) {
    const r = await kyselyOf(ex)
      .selectFrom('mail_matches')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', id)
      .executeTakeFirst();
    return r ? toMatch(r) : null;
  },
  async listMatches(ex, workspaceId, filter) {
    let q = kyselyOf(ex)
      .selectFrom('mail_matches')
      .selectAll()
      .where('workspace_id', '=', workspaceId);
    if (filter.mailMessageId) q = q.where('mail_message_id', '=', filter.mailMessageId);
    if (filter.state) q = q.where('state', '=', filter.state);
    const rows = await q.orderBy('created_at').orderBy('id').execute();
    return rows.map(toMatch);
  },
  async setMatchState(ex, id, state, at) {
    await kyselyOf(ex)
      .updateTable('mail_matches')
      .set({ state, decided_at: at })
      .where('id', '=', id)
      .execute();
  },
};
