import { Temporal } from 'temporal-polyfill';
import { classifyCompletion, localDateOf, resolveMoment } from '../../calendar/index.ts';
import { recordAudit } from '../../audit/record.ts';
import { requireVisibleDeal } from '../../deals/rules.ts';
import { staleVersion } from '../../kernel/errors.ts';
import type { DealRepository } from '../../deals/ports.ts';
import type { Deal } from '../../deals/types.ts';
import type { ReadDeps, WriteDeps } from '../../kernel/deps.ts';
import { toStoredInstant } from '../../time/dates.ts';
import { conflict, invalid, notFound } from '../../kernel/errors.ts';
import type { Executor } from '../../kernel/transactions.ts';
import { calendarOf } from '../../workspaces/member-calendar.ts';
import type { MemberRepository } from '../../workspaces/ports.ts';
import type { Actor, Member } from '../../workspaces/types.ts';
import type {
  CommitmentFilter,
  CommitmentPatch,
  CommitmentRepository,
  RenegotiationRepository,
} from '../ports.ts';
import { recordTouch, type RecordTouchDeps } from '../../touches/record-touch.ts';
import { targetFor } from '../targets.ts';
import type { Commitment, CommitmentSide, CommitmentWithHistory, Renegotiation } from '../types.ts';
import {
  parseDueTime,
  parseLead,
  parseOptionalDate,
  parseSide,
  requireReason,
  requireText,
} from '../validation.ts';

export type CommitmentDeps = WriteDeps & {
  commitments: CommitmentRepository;
  renegotiations: RenegotiationRepository;
  deals: DealRepository;
  members: MemberRepository;
};

/** What keeping a promise needs besides the promises: the delivery is recorded as a touch on
 * the deal in the same transaction (see completeCommitment). */
export type CompleteCommitmentDeps = CommitmentDeps & RecordTouchDeps;

export interface NewCommitment {
  side: CommitmentSide | string;
  text: string;
  due?: string | null;
  dueTime?: string | null;
  /** The owner's local date the promise was made; defaults to today in their zone. */
  madeOn?: string | null;
  lead?: number | null;
  sourceSentence?: string | null;
  callId?: string | null;
}

async function ownerOf(
  deps: { members: MemberRepository },
  ex: Executor,
  deal: Deal,
): Promise<Member> {
  const owner = await deps.members.findById(ex, deal.workspaceId, deal.ownerId);
  if (!owner) throw notFound('member', deal.ownerId);
  return owner;
}

/**
 * Creates a promise on a deal inside an open transaction (used alone, and by the call save).
 * The deal's owner is responsible for it; its target is computed on the owner's calendar.
 */
export async function insertCommitment(
  deps: CommitmentDeps,
  tx: Executor,
  actor: Actor,
  deal: Deal,
  input: NewCommitment,
): Promise<Commitment> {
  const side = parseSide(input.side);
  const text = requireText(input.text);
  const due = parseOptionalDate(input.due, 'Due date');
  const dueTime = parseDueTime(input.dueTime);
  if (dueTime && !due) throw invalid('A due time needs a due date.');
  const lead = parseLead(input.lead);
  const owner = await ownerOf(deps, tx, deal);
  const now = deps.clock.now();
  const madeOn = parseOptionalDate(input.madeOn, 'Made on') ?? localDateOf(now, owner.timeZone);
  if (due && due < madeOn)
    throw invalid(`The due date ${due} is before the day the promise was made (${madeOn}).`);
  const stamp = toStoredInstant(now);
  const commitment: Commitment = {
    id: deps.ids('commitment'),
    workspaceId: deal.workspaceId,
    dealId: deal.id,
    ownerId: owner.id,
    side,
    text,
    due,
    dueTime,
    madeOn,
    dueAgreedOn: null,
    leadDays: lead,
    target: targetFor(due, madeOn, lead ?? owner.leadDays, calendarOf(owner)),
    state: 'open',
    doneAt: null,
    classification: null,
    droppedReason: null,
    snoozedUntil: null,
    snoozeReason: null,
    lastChasedAt: null,
    sourceSentence: input.sourceSentence?.trim() || null,
    callId: input.callId ?? null,
    createdAt: stamp,
    updatedAt: stamp,
    version: 1,
  };
  await deps.commitments.insert(tx, commitment);
  await recordAudit(deps, tx, {
    workspaceId: deal.workspaceId,
    actor,
    action: 'commitment.create',
    entity: 'commitment',
    entityId: commitment.id,
    after: commitment,
  });
  return commitment;
}

export async function addCommitment(
  deps: CommitmentDeps,
  actor: Actor,
  input: NewCommitment & { dealId: string },
): Promise<Commitment> {
  return deps.runner.transaction(async (tx) => {
    const deal = await requireVisibleDeal(deps, tx, actor, input.dealId);
    return insertCommitment(deps, tx, actor, deal, input);
  });
}

async function requireCommitment(
  deps: CommitmentDeps,
  ex: Executor,
  actor: Actor,
  id: string,
): Promise<Commitment> {
  const c = await deps.commitments.findVisible(ex, actor, id.trim());
  if (!c) throw notFound('commitment', id);
  return c;
}

/** Applies a change to a commitment at the version it was read (or that the caller last saw),
 * and records it in the audit log. */
async function change(
  deps: CommitmentDeps,
  tx: Executor,
  actor: Actor,
  current: Commitment,
  expectedVersion: number | undefined,
  action: string,
  patch: CommitmentPatch,
): Promise<Commitment> {
  const version = expectedVersion ?? current.version;
  if (version !== current.version) throw staleVersion('commitment', current.id, version);
  const updatedAt = toStoredInstant(deps.clock.now());
  if (!(await deps.commitments.update(tx, current.id, version, { ...patch, updatedAt }))) {
    throw staleVersion('commitment', current.id, version);
  }
  const next: Commitment = { ...current, ...patch, updatedAt, version: version + 1 };
  await recordAudit(deps, tx, {
    workspaceId: current.workspaceId,
    actor,
    action,
    entity: 'commitment',
    entityId: current.id,
    before: current,
    after: next,
  });
  return next;
}

function requireOpen(c: Commitment): void {
  if (c.state !== 'open') throw conflict(`Commitment ${c.id} is already ${c.state}.`);
}

/** Marks a promise kept, classified early / on-time / late against its due date in the
 * owner's zone. The delivery is a touch on the deal by the promise's owner, at the time it was
 * kept, recorded here in the same transaction: whichever way a promise is kept (the API, the
 * CLI, an e-mail), the deal's last touch, the march and the day's next step follow. */
export async function completeCommitment(
  deps: CompleteCommitmentDeps,
  actor: Actor,
  id: string,
  options: { at?: string; expectedVersion?: number } = {},
): Promise<Commitment> {
  return deps.runner.transaction(async (tx) => {
    const current = await requireCommitment(deps, tx, actor, id);
    requireOpen(current);
    const deal = await requireVisibleDeal(deps, tx, actor, current.dealId);
    const owner = await ownerOf(deps, tx, deal);
    const doneAt = options.at
      ? resolveMoment(options.at, owner.timeZone, '--at').instant
      : deps.clock.now();
    if (Temporal.Instant.compare(doneAt, deps.clock.now()) > 0)
      throw invalid('A promise cannot be kept in the future.');
    const doneOn = localDateOf(doneAt, owner.timeZone);
    const next = await change(
      deps,
      tx,
      actor,
      current,
      options.expectedVersion,
      'commitment.done',
      {
        state: 'done',
        doneAt: toStoredInstant(doneAt),
        classification: current.due ? classifyCompletion(doneOn, current.due) : null,
      },
    );
    await recordTouch(deps, tx, {
      workspaceId: next.workspaceId,
      dealId: next.dealId,
      memberId: next.ownerId,
      kind: 'delivery',
      at: doneAt,
      text: next.text,
      commitmentId: next.id,
      actorId: actor.memberId,
      credentialId: actor.credentialId ?? null,
    });
    return next;
  });
}

export async function dropCommitment(
  deps: CommitmentDeps,
  actor: Actor,
  id: string,
  input: { reason?: string; expectedVersion?: number },
): Promise<Commitment> {
  const reason = requireReason(input.reason, 'drop it');
  return deps.runner.transaction(async (tx) => {
    const current = await requireCommitment(deps, tx, actor, id);
    requireOpen(current);
    return change(deps, tx, actor, current, input.expectedVersion, 'commitment.drop', {
      state: 'dropped',
      droppedReason: reason,
    });
  });
}

/** Puts a promise out of sight until a date. It may not be snoozed past its due date: a
 * commitment is never planned after it is due. A promise due today or late cannot be snoozed
 * at all; its due date is renegotiated instead. */
export async function snoozeCommitment(
  deps: CommitmentDeps,
  actor: Actor,
  id: string,
  input: { to: string; reason?: string; expectedVersion?: number },
): Promise<Commitment> {
  const to = parseOptionalDate(input.to, 'Snooze date');
  if (!to) throw invalid('Give the date to snooze to, YYYY-MM-DD.');
  const reason = requireReason(input.reason, 'snooze it');
  return deps.runner.transaction(async (tx) => {
    const current = await requireCommitment(deps, tx, actor, id);
    requireOpen(current);
    const owner = await ownerOf(
      deps,
      tx,
      await requireVisibleDeal(deps, tx, actor, current.dealId),
    );
    const today = localDateOf(deps.clock.now(), owner.timeZone);
    if (current.due && current.due <= today) {
      throw invalid(
        `It was due ${current.due}${current.due < today ? ' and is late' : ', today'}: a promise cannot be snoozed past its due date. Agree a new date with the customer and renegotiate it (momentum commit edit ${current.id} --due YYYY-MM-DD).`,
      );
    }
    if (to <= today) throw invalid(`Snooze to a day after today (${today}).`);
    if (current.due && to > current.due) {
      throw invalid(
        `It is due ${current.due}; it cannot be snoozed past that. Renegotiate the due date instead.`,
      );
    }
    return change(deps, tx, actor, current, input.expectedVersion, 'commitment.snooze', {
      snoozedUntil: to,
      snoozeReason: reason,
    });
  });
}

export interface CommitmentEdit {
  text?: string;
  due?: string | null;
  dueTime?: string | null;
  lead?: number | null;
  /** Why the due date moved (what the customer agreed); kept with the renegotiation. */
  reason?: string | null;
  /** The version read; a stale one is refused. Optional only for the explicit renegotiation. */
  expectedVersion?: number;
}

/**
 * Changes what was promised or when. A new due date is agreed today with the customer: it is
 * today or later, the early target is recomputed from today (as for a promise made today), and
 * when the promise already had a date the change is recorded as a renegotiation, keeping the
 * old due in the promise's history.
 */
export async function editCommitment(
  deps: CommitmentDeps,
  actor: Actor,
  id: string,
  input: CommitmentEdit,
): Promise<CommitmentWithHistory> {
  const reason =
    input.reason === undefined || input.reason === null || input.reason.trim() === ''
      ? null
      : requireReason(input.reason, 'renegotiate it');
  return deps.runner.transaction(async (tx) => {
    const current = await requireCommitment(deps, tx, actor, id);
    requireOpen(current);
    const owner = await ownerOf(
      deps,
      tx,
      await requireVisibleDeal(deps, tx, actor, current.dealId),
    );
    const now = deps.clock.now();
    const today = localDateOf(now, owner.timeZone);
    const due = input.due === undefined ? current.due : parseOptionalDate(input.due, 'Due date');
    const dueTime =
      input.dueTime !== undefined
        ? parseDueTime(input.dueTime)
        : due === current.due
          ? current.dueTime
          : null;
    const leadDays = input.lead === undefined ? current.leadDays : parseLead(input.lead);
    if (dueTime && !due) throw invalid('A due time needs a due date.');
    const moved = due !== current.due || dueTime !== current.dueTime;
    if (moved && due && due < today)
      throw invalid(
        `A new due date is agreed for today (${today}) or later, got ${due}. It was due ${current.due ?? 'on no date'}.`,
      );
    if (reason && !moved)
      throw invalid('A reason goes with a new due date; give --due (or "due") too.');
    const dueAgreedOn = moved ? today : current.dueAgreedOn;
    const next = await change(deps, tx, actor, current, input.expectedVersion, 'commitment.edit', {
      text: input.text === undefined ? current.text : requireText(input.text),
      due,
      dueTime,
      dueAgreedOn,
      leadDays,
      target: targetFor(
        due,
        dueAgreedOn ?? current.madeOn,
        leadDays ?? owner.leadDays,
        calendarOf(owner),
      ),
      // A snooze past a new, earlier due date would hide the promise until after it is due.
      snoozedUntil:
        current.snoozedUntil && due && current.snoozedUntil > due ? null : current.snoozedUntil,
    });
    if (moved && current.due !== null) {
      const renegotiation: Renegotiation = {
        id: deps.ids('renegotiation'),
        workspaceId: current.workspaceId,
        commitmentId: current.id,
        previousDue: current.due,
        previousDueTime: current.dueTime,
        due,
        dueTime,
        reason,
        renegotiatedBy: actor.memberId,
        renegotiatedAt: toStoredInstant(now),
      };
      await deps.renegotiations.insert(tx, renegotiation);
      await recordAudit(deps, tx, {
        workspaceId: current.workspaceId,
        actorId: actor.memberId,
        action: 'commitment.renegotiate',
        entity: 'commitment',
        entityId: current.id,
        before: { due: current.due, dueTime: current.dueTime, target: current.target },
        after: renegotiation,
      });
    }
    return (await withHistory(deps, tx, [next]))[0]!;
  });
}

/** Attaches each promise's renegotiations (one query for the whole list). */
async function withHistory(
  deps: { renegotiations: RenegotiationRepository },
  ex: Executor,
  list: Commitment[],
): Promise<CommitmentWithHistory[]> {
  const all = await deps.renegotiations.listForCommitments(
    ex,
    list.map((c) => c.id),
  );
  const byCommitment = new Map<string, Renegotiation[]>();
  for (const r of all) {
    const rows = byCommitment.get(r.commitmentId) ?? [];
    rows.push(r);
    byCommitment.set(r.commitmentId, rows);
  }
  return list.map((c) => ({ ...c, renegotiations: byCommitment.get(c.id) ?? [] }));
}

type CommitmentReadDeps = ReadDeps & {
  commitments: CommitmentRepository;
  renegotiations: RenegotiationRepository;
};

export async function listCommitments(
  deps: CommitmentReadDeps,
  actor: Actor,
  filter: CommitmentFilter,
): Promise<CommitmentWithHistory[]> {
  const ex = deps.runner.executor;
  return withHistory(deps, ex, await deps.commitments.listVisible(ex, actor, filter));
}

export async function getCommitment(
  deps: CommitmentReadDeps,
  actor: Actor,
  id: string,
): Promise<CommitmentWithHistory> {
  const ex = deps.runner.executor;
  const c = await deps.commitments.findVisible(ex, actor, id.trim());
  if (!c) throw notFound('commitment', id);
  return (await withHistory(deps, ex, [c]))[0]!;
}
