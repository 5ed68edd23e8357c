import type { AuditEntry, AuditRepository } from '../../core/kernel/audit-log.ts';
import { chunksFor } from '../dialects/capabilities.ts';
import { kyselyOf } from '../executor.ts';

const json = (v: unknown) => (v === null || v === undefined ? null : JSON.stringify(v));

const toRow = (e: AuditEntry) => ({
  id: e.id,
  workspace_id: e.workspaceId,
  actor_id: e.actorId,
  credential_id: e.credentialId,
  action: e.action,
  entity: e.entity,
  entity_id: e.entityId,
  before: json(e.before),
  after: json(e.after),
  at: e.at,
});

export const auditRepository: AuditRepository = {
  async record(ex, e) {
    await kyselyOf(ex).insertInto('audit_log').values(toRow(e)).execute();
  },
  async recordMany(ex, entries) {
    for (const batch of chunksFor(ex, entries, { perItem: 10 }))
      await kyselyOf(ex).insertInto('audit_log').values(batch.map(toRow)).execute();
  },
  async list(ex, workspaceId, options) {
    let q = kyselyOf(ex)
      .selectFrom('audit_log')
      .selectAll()
      .where('workspace_id', '=', workspaceId);
    if (options.before) {
      // An entry id pages exactly, by (at, id): entries written in the same millisecond are
      // neither skipped nor repeated. An instant still works for "everything before then".
      const cursor = await kyselyOf(ex)
        .selectFrom('audit_log')
        .select(['at', 'id'])
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', options.before)
        .executeTakeFirst();
      q = cursor
        ? q.where((eb) =>
            eb.or([
              eb('at', '<', cursor.at),
              eb.and([eb('at', '=', cursor.at), eb('id', '<', cursor.id)]),
            ]),
          )
        : q.where('at', '<', options.before);
    }
    if (options.entityId) q = q.where('entity_id', '=', options.entityId);
    const rows = await q.orderBy('at', 'desc').orderBy('id', 'desc').limit(options.limit).execute();
    return rows.map((r) => ({
      id: r.id,
      workspaceId: r.workspace_id,
      actorId: r.actor_id,
      credentialId: r.credential_id,
      action: r.action,
      entity: r.entity,
      entityId: r.entity_id,
      before: r.before === null ? null : JSON.parse(r.before),
      after: r.after === null ? null : JSON.parse(r.after),
      at: r.at,
    }));
  },
};
