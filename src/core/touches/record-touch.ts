import type { Temporal } from 'temporal-polyfill';
import { localDateOf } from '../calendar/index.ts';
import { recordAudit, type AuditDeps } from '../audit/record.ts';
import type { NextStepRepository } from '../next-steps/ports.ts';
import { toStoredInstant } from '../time/dates.ts';
import { notFound } from '../kernel/errors.ts';
import type { Executor } from '../kernel/transactions.ts';
import type { MemberRepository } from '../workspaces/ports.ts';
import type { TouchRepository } from './ports.ts';
import type { Touch, TouchKind } from './types.ts';

export type RecordTouchDeps = AuditDeps & {
  touches: TouchRepository;
  nextSteps: Pick<NextStepRepository, 'completeDueOn'>;
  members: Pick<MemberRepository, 'findById'>;
};

export interface NewTouch {
  workspaceId: string;
  dealId: string;
  /** Who made the touch; it counts towards their march. */
  memberId: string;
  kind: TouchKind;
  at: Temporal.Instant | string;
  text?: string | null;
  commitmentId?: string | null;
  callId?: string | null;
  /** Who recorded it, for the audit log; the member themself by default. */
  actorId?: string | null;
  /** With which credential (session or API token id), for the audit log. */
  credentialId?: string | null;
}

/**
 * Records a touch inside an open transaction (logging one by hand, keeping a promise, logging a
 * call). It also keeps the summaries Today reads in step: the deal's last touch moves forward,
 * and a next step due that day counts as done (the deal's momentum follows from the writes, see
 * storage/momentum/momentum-inputs.ts).
 */
export async function recordTouch(
  deps: RecordTouchDeps,
  tx: Executor,
  input: NewTouch,
): Promise<Touch> {
  const member = await deps.members.findById(tx, input.workspaceId, input.memberId);
  if (!member) throw notFound('member', input.memberId);
  const at = typeof input.at === 'string' ? input.at : toStoredInstant(input.at);
  const touch: Touch = {
    id: deps.ids('touch'),
    workspaceId: input.workspaceId,
    dealId: input.dealId,
    memberId: input.memberId,
    kind: input.kind,
    at,
    text: input.text?.trim() || null,
    commitmentId: input.commitmentId ?? null,
    callId: input.callId ?? null,
    createdAt: toStoredInstant(deps.clock.now()),
  };
  await deps.touches.insert(tx, touch);
  await deps.touches.advanceDealLastTouch(tx, touch.dealId, at);
  await deps.nextSteps.completeDueOn(tx, touch.dealId, localDateOf(at, member.timeZone));
  await recordAudit(deps, tx, {
    workspaceId: touch.workspaceId,
    actorId: input.actorId === undefined ? touch.memberId : input.actorId,
    credentialId: input.credentialId ?? null,
    action: 'touch.create',
    entity: 'touch',
    entityId: touch.id,
    after: touch,
  });
  return touch;
}
