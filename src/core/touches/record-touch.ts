import type { Temporal } from 'temporal-polyfill';
import { localDateOf } from '../calendar/index.ts';
import { auditEntry, recordAudit, type AuditDeps } from '../audit/record.ts';
import type { AuditEntry } from '../kernel/audit-log.ts';
import type { NextStepRepository } from '../next-steps/ports.ts';
import { toStoredInstant, type IsoDate } from '../time/dates.ts';
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
  const touch = touchOf(deps, input);
  await deps.touches.insert(tx, touch);
  await deps.touches.advanceDealLastTouch(tx, touch.dealId, touch.at);
  await deps.nextSteps.completeDueOn(tx, touch.dealId, localDateOf(touch.at, member.timeZone));
  await recordAudit(deps, tx, touchAudit(input, touch));
  return touch;
}

function touchOf(deps: Pick<RecordTouchDeps, 'ids' | 'clock'>, input: NewTouch): Touch {
  const at = typeof input.at === 'string' ? input.at : toStoredInstant(input.at);
  return {
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
}

function touchAudit(input: NewTouch, touch: Touch) {
  return {
    workspaceId: touch.workspaceId,
    actorId: input.actorId === undefined ? touch.memberId : input.actorId,
    credentialId: input.credentialId ?? null,
    action: 'touch.create',
    entity: 'touch',
    entityId: touch.id,
    after: touch,
  };
}

/**
 * Records many touches inside an open transaction, with the same effects as recordTouch on
 * each in turn (the same rows, summaries, next steps done and audit entries, ids taken in the
 * same order) but in a handful of statements: the touches and their audit entries go in as
 * multi-row inserts, each deal's last touch moves once, to its newest, and each deal's next
 * steps due on the days touched are done in one update per day.
 */
export async function recordTouches(
  deps: RecordTouchDeps,
  tx: Executor,
  inputs: readonly NewTouch[],
): Promise<Touch[]> {
  const zones = new Map<string, string>();
  for (const input of inputs) {
    const key = `${input.workspaceId} ${input.memberId}`;
    if (zones.has(key)) continue;
    const member = await deps.members.findById(tx, input.workspaceId, input.memberId);
    if (!member) throw notFound('member', input.memberId);
    zones.set(key, member.timeZone);
  }
  const touches: Touch[] = [];
  const entries: AuditEntry[] = [];
  const newest = new Map<string, string>();
  const days = new Map<string, Set<IsoDate>>();
  for (const input of inputs) {
    const touch = touchOf(deps, input);
    touches.push(touch);
    entries.push(auditEntry(deps, touchAudit(input, touch)));
    if ((newest.get(touch.dealId) ?? '') < touch.at) newest.set(touch.dealId, touch.at);
    const day = localDateOf(touch.at, zones.get(`${input.workspaceId} ${input.memberId}`)!);
    days.set(touch.dealId, (days.get(touch.dealId) ?? new Set()).add(day));
  }
  await deps.touches.insertMany(tx, touches);
  for (const [dealId, at] of newest) await deps.touches.advanceDealLastTouch(tx, dealId, at);
  for (const [dealId, dealDays] of days)
    for (const day of dealDays) await deps.nextSteps.completeDueOn(tx, dealId, day);
  await deps.audit.recordMany(tx, entries);
  return touches;
}
