import { localDateOf } from '../calendar/index.ts';
import { recordAudit } from '../audit/record.ts';
import { parseLesson, parseReason } from '../calls/validation.ts';
import type { PoorOutcomeReason } from '../calls/types.ts';
import type { HabitRepository } from '../playbook/ports.ts';
import type { WriteDeps } from '../shared/deps.ts';
import { parseIsoDate, toStoredInstant, type IsoDate } from '../shared/dates.ts';
import { conflict, invalid, notFound } from '../shared/errors.ts';
import type { Executor } from '../shared/transactions.ts';
import type { MemberRepository } from '../workspaces/ports.ts';
import type { Actor } from '../workspaces/types.ts';
import { requireVisibleDeal, staleVersion } from './manage-deals.ts';
import type { DealPatch, DealRepository } from './ports.ts';
import type { Deal } from './types.ts';

export type DealOutcomeKind = 'won' | 'lost' | 'paused';

/** One time a deal was won, lost or paused: why, and what it taught. */
export interface DealOutcome {
  id: string;
  workspaceId: string;
  dealId: string;
  outcome: DealOutcomeKind;
  reason: PoorOutcomeReason | null;
  lesson: string | null;
  /** Ids of the habits the lesson is about. */
  lessonHabits: string[];
  /** When to open the next conversation (a paused deal always has one). */
  reEngageOn: IsoDate | null;
  decidedBy: string;
  decidedAt: string;
}

export interface DealOutcomeRepository {
  insert(ex: Executor, outcome: DealOutcome): Promise<void>;
  /** A deal's outcomes, oldest first. */
  listForDeal(ex: Executor, dealId: string): Promise<DealOutcome[]>;
}

export type CloseDealDeps = WriteDeps & {
  deals: DealRepository;
  members: Pick<MemberRepository, 'findById'>;
  habits: Pick<HabitRepository, 'list'>;
  outcomes: DealOutcomeRepository;
};

interface OutcomeInput {
  reason?: string | null;
  lesson?: string | null;
  lessonHabits?: readonly (string | number)[];
  /** The deal's version as read; a stale one is refused. */
  expectedVersion?: number;
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
    const reEngageOn = input.reEngageOn
      ? futureDate(input.reEngageOn, 'The re-engage date', await ownerToday(deps, tx, deal))
      : null;
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
    const until = futureDate(input.until, 'The pause date', await ownerToday(deps, tx, deal));
    return decide(deps, tx, actor, deal, 'paused', { ...input, reason, reEngageOn: until });
  });
}
