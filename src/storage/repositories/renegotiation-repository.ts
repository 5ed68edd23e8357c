import type { RenegotiationRepository } from '../../core/commitments/ports.ts';
import type { Renegotiation } from '../../core/commitments/types.ts';
import { chunksFor } from '../dialects/capabilities.ts';
import { kyselyOf } from '../executor.ts';

export const renegotiationRepository: RenegotiationRepository = {
  async insert(ex, r) {
    await kyselyOf(ex)
      .insertInto('commitment_renegotiations')
      .values({
        id: r.id,
        workspace_id: r.workspaceId,
        commitment_id: r.commitmentId,
        previous_due: r.previousDue,
        previous_due_time: r.previousDueTime,
        due: r.due,
        due_time: r.dueTime,
        reason: r.reason,
        renegotiated_by: r.renegotiatedBy,
        renegotiated_at: r.renegotiatedAt,
      })
      .execute();
  },
  async listForCommitments(ex, commitmentIds) {
    const out: Renegotiation[] = [];
    for (const ids of chunksFor(ex, commitmentIds)) {
      const rows = await kyselyOf(ex)
        .selectFrom('commitment_renegotiations')
        .selectAll()
        .where('commitment_id', 'in', ids)
        .orderBy('renegotiated_at')
        .orderBy('id')
        .execute();
      for (const r of rows) {
        out.push({
          id: r.id,
          workspaceId: r.workspace_id,
          commitmentId: r.commitment_id,
          previousDue: r.previous_due,
          previousDueTime: r.previous_due_time,
          due: r.due,
          dueTime: r.due_time,
          reason: r.reason,
          renegotiatedBy: r.renegotiated_by,
          renegotiatedAt: r.renegotiated_at,
        });
      }
    }
    return out;
  },
};
