import { localDateOf } from '../../calendar/index.ts';
import { recordAudit } from '../../audit/record.ts';
import { publishEvent, type EventOutbox } from '../../webhooks/ports.ts';
import { parseLesson, parseReason } from '../../calls/validation.ts';
import type { CommitmentRepository } from '../../commitments/ports.ts';
import type { Commitment } from '../../commitments/types.ts';
import { requireReason } from '../../commitments/validation.ts';
import type { NextStepRepository } from '../../next-steps/ports.ts';
import type { NextStep } from '../../next-steps/types.ts';
import type { HabitRepository } from '../../playbook/ports.ts';
import type { ReadDeps, WriteDeps } from '../../kernel/deps.ts';
import { parseIsoDate, toStoredInstant, type IsoDate } from '../../time/dates.ts';
import { conflict, invalid, notFound } from '../../kernel/errors.ts';
import type { Executor } from '../../kernel/transactions.ts';
import type { MemberRepository } from '../../workspaces/ports.ts';
import type { Actor } from '../../workspaces/types.ts';
import { requireVisibleDeal } from '../rules.ts';
import { staleVersion } from '../../kernel/errors.ts';
import type { DealOutcomeRepository, DealPatch, DealRepository } from '../ports.ts';
import type { Deal, DealOutcome, DealOutcomeKind, PoorOutcomeReason } from '../types.ts';

export type CloseDealDeps = WriteDeps & {
  deals: DealRepository;
  members: Pick<MemberRepository, 'findById'>;
  habits: Pick<HabitRepository, 'list'>;
  outcomes: DealOutcomeRepository;
  commitments: Pick<CommitmentRepository, 'listVisible' | 'update'>;
  nextSteps: Pick<NextStepRepository, 'findOpenForDeal' | 'dropOpen'>;
  events?: EventOutbox;
};

/** What closing or pausing does with work still open on the deal: keep it (it stays on Today)
 * or drop it, with a reason. */
export type OpenWorkChoice = 'keep' | 'drop';

/** The deal's open work when it is closed or paused without saying what to do with it; the
 * refusal carries it so that each interface can ask in its own words. */
export type OpenWork = {
  kind: 'open-work';
  promises: { id: string; side: string; text: string; due: IsoDate | null }[];
  nextStep: { id: string; text: string; due: IsoDate; time: string | null } | null;
};

interface OutcomeInput {
  reason?: string | null;
  lesson?: string | null;
  lessonHabits?: readonly (string | number)[];
  /** The deal's version as read; a stale one is refused. */
  expectedVersion?: number;
  /** What to do with the deal's open promises; required when it has any. */
  promises?: string | null;
  /** What to do with the deal's open next step; required when it has one. */
  nextStep?: string | null;
  /** Why what is dropped is dropped; required when anything is. */
  dropReason?: string | null;
}

function parseChoice(value: string | null | undefined, what: string): OpenWorkChoice | null {
  if (value === undefined || value === null || value === '') return null;
  if (value !== 'keep' && value !== 'drop')
    throw invalid(`${what}: say "keep" or "drop", got "${value}".`);
  return value;
}

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

/**
 * Decides the deal's open promises and next step as asked: a closed or paused deal does not
 * silently leave work on Today, nor silently lose it. Without an answer for what is open, the
 * close is refused with the list of it.
 */
async function settleOpenWork(
  deps: CloseDealDeps,
  tx: Executor,
  actor: Actor,
  deal: Deal,
  today: IsoDate,
  input: OutcomeInput,
  verb: string,
): Promise<void> {
  // A stale read is refused before anything else is asked or changed.
  if (input.expectedVersion !== undefined && input.expectedVersion !== deal.version)
    throw staleVersion('deal', deal.id, input.expectedVersion);
  const promisesChoice = parseChoice(input.promises, 'Open promises');
  const stepChoice = parseChoice(input.nextStep, 'Next step');
  const promises: Commitment[] = await deps.commitments.listVisible(tx, actor, {
    dealId: deal.id,
    state: 'open',
  });
  const open = await deps.nextSteps.findOpenForDeal(tx, deal.id);
  // A next step whose day has passed is history, not work to decide on.
  const step: NextStep | null = open && open.due >= today ? open : null;
  const undecided: string[] = [];
  if (promises.length > 0 && !promisesChoice)
    undecided.push(
      `${plural(promises.length, 'open promise')} (${promises
        .map((c) => `${c.text}${c.due ? `, due ${c.due}` : ''}`)
        .join('; ')})`,
    );
  if (step && !stepChoice)
    undecided.push(
      `a next step (${step.text}, ${step.due}${step.dueTime ? ` ${step.dueTime}` : ''})`,
    );
  if (undecided.length > 0) {
    const details: OpenWork = {
      kind: 'open-work',
      promises: promises.map((c) => ({ id: c.id, side: c.side, text: c.text, due: c.due })),
      nextStep: step ? { id: step.id, text: step.text, due: step.due, time: step.dueTime } : null,
    };
    throw conflict(
      `Before you ${verb} "${deal.title}", say what to do with ${undecided.join(' and ')}: keep them (they stay on Today) or drop them with a reason.`,
      details,
    );
  }
  const dropping =
    (promisesChoice === 'drop' && promises.length > 0) || (stepChoice === 'drop' && step !== null);
  if (!dropping) return;
  const reason = requireReason(input.dropReason ?? undefined, 'drop them');
  const updatedAt = toStoredInstant(deps.clock.now());
  if (promisesChoice === 'drop') {
    for (const c of promises) {
      if (
        !(await deps.commitments.update(tx, c.id, c.version, {
          state: 'dropped',
          droppedReason: reason,
          updatedAt,
        }))
      )
        throw staleVersion('commitment', c.id, c.version);
      await recordAudit(deps, tx, {
        workspaceId: deal.workspaceId,
        actorId: actor.memberId,
        action: 'commitment.drop',
        entity: 'commitment',
        entityId: c.id,
        before: c,
        after: { ...c, state: 'dropped', droppedReason: reason, updatedAt, version: c.version + 1 },
      });
    }
  }
  if (stepChoice === 'drop' && step) {
    await deps.nextSteps.dropOpen(tx, deal.id, reason);
    await recordAudit(deps, tx, {
      workspaceId: deal.workspaceId,
      actorId: actor.memberId,
      action: 'next-step.drop',
      entity: 'next_step',
      entityId: step.id,
      before: step,
      after: { ...step, state: 'dropped', droppedReason: reason, version: step.version + 1 },
    });
  }
}

export interface ClosedDeal {
  deal: Deal;
  outcome: DealOutcome;
}

async function ownerToday(deps: CloseDealDeps, tx: Executor, deal: Deal): Promise<IsoDate> {
  const owner = await deps.members.findById(tx, deal.workspaceId, deal.ownerId);
  if (!owner) throw notFound('member', deal.ownerId);
  return localDateOf(deps.clock.now(), owner.timeZone);
}

function futureDate(value: string, field: string, today: IsoDate): IsoDate {
  const date = parseIsoDate(value, field).toString();
  if (date <= today) throw invalid(`${field} must be after today (${today}), got ${date}.`);
  return date;
}

async function decide(
  deps: CloseDealDeps,
  tx: Executor,
  actor: Actor,
  deal: Deal,
  kind: DealOutcomeKind,
  input: OutcomeInput & { reason: PoorOutcomeReason | null; reEngageOn: IsoDate | null },
): Promise<ClosedDeal> {
  const version = input.expectedVersion ?? deal.version;
  if (version !== deal.version) throw staleVersion('deal', deal.id, version);
  const habits = await deps.habits.list(tx, deal.workspaceId);
  const lesson = parseLesson(habits, input.lesson, input.lessonHabits);
  const now = toStoredInstant(deps.clock.now());
  const patch: DealPatch = {
    status: kind,
    closeReason: input.reason,
    closedAt: kind === 'paused' ? null : now,
    reEngageOn: input.reEngageOn,
    updatedAt: now,
  };
  if (!(await deps.deals.update(tx, deal.id, version, patch))) {
    throw staleVersion('deal', deal.id, version);
  }
  const outcome: DealOutcome = {
    id: deps.ids('outcome'),
    workspaceId: deal.workspaceId,
    dealId: deal.id,
    outcome: kind,
    reason: input.reason,
    lesson: lesson.lesson,
    lessonHabits: lesson.habitIds,
    reEngageOn: input.reEngageOn,
    decidedBy: actor.memberId,
    decidedAt: now,
  };
  await deps.outcomes.insert(tx, outcome);
  const after = await requireVisibleDeal(deps, tx, actor, deal.id);
  await recordAudit(deps, tx, {
    workspaceId: deal.workspaceId,
    actor,
    action: kind === 'paused' ? 'deal.pause' : 'deal.close',
    entity: 'deal',
    entityId: deal.id,
    before: deal,
    after: { deal: after, outcome },
  });
  if (kind !== 'paused')
    await publishEvent(deps, tx, {
      workspaceId: deal.workspaceId,
      type: 'deal.closed',
      key: `deal.closed:${outcome.id}`,
      data: {
        dealId: deal.id,
        title: deal.title,
        result: kind,
        reason: outcome.reason,
        closedAt: now,
        closedBy: actor.memberId,
      },
    });
  return { deal: after, outcome };
}

/**
 * Closes a deal as won or lost. A loss may say why (the same reasons as a poor call) and when
 * to try again; either may leave a lesson, tagged with the habits it is about. A paused deal
 * can be closed too.
 */
export async function closeDeal(
  deps: CloseDealDeps,
  actor: Actor,
  dealId: string,
  input: OutcomeInput & { result: string; reEngageOn?: string | null },
): Promise<ClosedDeal> {
  if (input.result !== 'won' && input.result !== 'lost')
    throw invalid(`A deal is closed as won or lost, got "${input.result}".`);
  const result = input.result;
  const reason = parseReason(input.reason);
  if (result === 'won' && reason)
    throw invalid('A won deal takes no reason; say what made it work in the lesson.');
  if (result === 'won' && input.reEngageOn)
    throw invalid('A won deal has no re-engage date; that is for lost and paused deals.');
  return deps.runner.transaction(async (tx) => {
    const deal = await requireVisibleDeal(deps, tx, actor, dealId);
    if (deal.status === 'won' || deal.status === 'lost')
      throw conflict(`Deal ${deal.id} is already ${deal.status}.`, { status: deal.status });
    const today = await ownerToday(deps, tx, deal);
    const reEngageOn = input.reEngageOn
      ? futureDate(input.reEngageOn, 'The re-engage date', today)
      : null;
    await settleOpenWork(deps, tx, actor, deal, today, input, `mark it ${result}`);
    return decide(deps, tx, actor, deal, result, { ...input, reason, reEngageOn });
  });
}

/**
 * Pauses an open deal until a date ("not now"): it leaves the pipeline, and on that date Today
 * proposes the next conversation with it.
 */
export async function pauseDeal(
  deps: CloseDealDeps,
  actor: Actor,
  dealId: string,
  input: OutcomeInput & { until: string },
): Promise<ClosedDeal> {
  if (!input.until) throw invalid('Say until when the deal is paused (YYYY-MM-DD).');
  const reason = parseReason(input.reason ?? 'not-now');
  return deps.runner.transaction(async (tx) => {
    const deal = await requireVisibleDeal(deps, tx, actor, dealId);
    if (deal.status !== 'open')
      throw conflict(`Deal ${deal.id} is ${deal.status}; only an open deal can be paused.`, {
        status: deal.status,
      });
    const today = await ownerToday(deps, tx, deal);
    const until = futureDate(input.until, 'The pause date', today);
    await settleOpenWork(deps, tx, actor, deal, today, input, 'pause it');
    return decide(deps, tx, actor, deal, 'paused', { ...input, reason, reEngageOn: until });
  });
}

/** A deal's outcomes (won, lost, paused), oldest first: why, what it taught, when to return. */
export async function listDealOutcomes(
  deps: ReadDeps & { deals: DealRepository; outcomes: DealOutcomeRepository },
  actor: Actor,
  dealId: string,
): Promise<DealOutcome[]> {
  const ex = deps.runner.executor;
  const deal = await requireVisibleDeal(deps, ex, actor, dealId);
  return deps.outcomes.listForDeal(ex, deal.id);
}
