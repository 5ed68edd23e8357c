import { localDateOf } from '../calendar/index.ts';
import type { CommitmentRepository } from '../commitments/ports.ts';
import type { Commitment } from '../commitments/types.ts';
import { requireVisibleDeal } from '../deals/rules.ts';
import type { DealRepository } from '../deals/ports.ts';
import { addDays, createDayView, type DayView } from '../time/local-days.ts';
import { assessNeglect, type Neglect } from '../neglect/assess-neglect.ts';
import type { NextStepRepository } from '../next-steps/ports.ts';
import type { ReadDeps } from '../kernel/deps.ts';
import { parseIsoDate, type IsoDate } from '../time/dates.ts';
import { invalid, notFound } from '../kernel/errors.ts';
import type { TouchRepository } from '../touches/ports.ts';
import type { MemberRepository } from '../workspaces/ports.ts';
import type { Actor } from '../workspaces/types.ts';
import { neglectDetails } from '../neglect/neglect-details.ts';
import type { Deal } from '../deals/types.ts';
import type { DealStageFacts, MomentumRepository, MomentumSnapshot } from './ports.ts';
import type { MomentumFactor } from './score.ts';
import { scoreDeals, type ScoredDeal } from './score-deals.ts';

/** How many days of history the trend shows. */
export const TREND_DAYS = 30;

export interface DealHealth {
  dealId: string;
  date: IsoDate;
  neglect: Neglect & { details: string[] };
  /** Null score and no factors for a deal that is not open. */
  momentum: {
    score: number | null;
    factors: MomentumFactor[];
    trend: { date: IsoDate; score: number }[];
  };
}

/** Only reads: the history it draws is recorded by the writes (see record-momentum.ts). */
export type DealHealthDeps = ReadDeps & {
  deals: DealRepository;
  members: Pick<MemberRepository, 'findById'>;
  commitments: Pick<CommitmentRepository, 'listVisible'>;
  nextSteps: Pick<NextStepRepository, 'latestCreatedBefore'>;
  touches: Pick<TouchRepository, 'lastTouchBefore'>;
  momentum: Pick<
    MomentumRepository,
    'listSnapshots' | 'stageFacts' | 'promiseRecords' | 'planDocuments' | 'planBaselines'
  >;
};

/** A promise as it stood at the end of the day: made by then, and not yet kept or dropped. */
function openAt(c: Commitment, day: DayView): boolean {
  if (c.createdAt >= day.end) return false;
  if (c.state === 'open') return true;
  if (c.state === 'done') return c.doneAt !== null && c.doneAt >= day.end;
  return c.updatedAt >= day.end;
}

/** The promises open at the end of the day, as neglect and the score see them then. */
function promisesOpenAt(commitments: readonly Commitment[], day: DayView) {
  return commitments
    .filter((c) => openAt(c, day))
    .map((c) => ({
      side: c.side,
      due: c.due,
      lastChasedAt: c.lastChasedAt !== null && c.lastChasedAt < day.end ? c.lastChasedAt : null,
    }));
}

/**
 * A deal's neglect and momentum as of a day (default: today in its owner's zone), evaluated from
 * its history, with the score's trend: the snapshots the writes recorded on the days before, and
 * the day's score computed from its inputs as they are now. It writes nothing.
 */
export async function getDealHealth(
  deps: DealHealthDeps,
  actor: Actor,
  dealId: string,
  query: { date?: string } = {},
): Promise<DealHealth> {
  const ex = deps.runner.executor;
  const deal = await requireVisibleDeal(deps, ex, actor, dealId);
  const owner = await deps.members.findById(ex, deal.workspaceId, deal.ownerId);
  if (!owner) throw notFound('member', deal.ownerId);
  const today = localDateOf(deps.clock.now(), owner.timeZone);
  const date = query.date ? parseIsoDate(query.date).toString() : today;
  const day = createDayView(date, owner.timeZone);
  if (day.end <= deal.createdAt) {
    throw invalid(
      `The deal was opened on ${localDateOf(deal.createdAt, owner.timeZone)}; ask about that day or a later one.`,
    );
  }

  const stored = await deps.momentum.listSnapshots(
    ex,
    deal.id,
    addDays(date, 1 - TREND_DAYS),
    date,
  );
  const history = stored.filter((s) => s.day < date).map((s) => ({ date: s.day, score: s.score }));
  if (deal.status !== 'open') {
    return {
      dealId: deal.id,
      date,
      neglect: { neglected: false, reasons: [], details: [] },
      momentum: { score: null, factors: [], trend: history },
    };
  }

  const [stage, lastTouchAt, step, commitments] = await Promise.all([
    deps.momentum.stageFacts(ex, deal.id),
    deps.touches.lastTouchBefore(ex, deal.id, day.end),
    deps.nextSteps.latestCreatedBefore(ex, deal.id, day.end),
    deps.commitments.listVisible(ex, actor, { dealId: deal.id, limit: 10_000 }),
  ]);
  if (!stage) throw notFound('deal', deal.id);
  const openPromises = promisesOpenAt(commitments, day);
  const facts = {
    lastTouchAt,
    createdAt: deal.createdAt,
    neglectDays: stage.neglectDays,
    nextStepDue: step?.due ?? null,
    openPromises,
  };
  const neglect = assessNeglect(facts, day);
  const scored = await scoreDeals(
    deps,
    ex,
    [{ id: deal.id, ...facts, stageName: stage.stageName, stageChangedAt: stage.stageChangedAt }],
    day,
  );
  const momentum = scored.get(deal.id)!;

  return {
    dealId: deal.id,
    date,
    neglect: {
      ...neglect,
      details: neglectDetails(neglect.reasons, { ...facts, stageName: stage.stageName }, day),
    },
    momentum: {
      score: momentum.score,
      factors: momentum.factors,
      trend: [...history, { date, score: momentum.score }],
    },
  };
}

/**
 * Deals' momentum at the end of each of the given days: for each open deal and day, the score
 * and factors getDealHealth answers for that day (without its trend), in far fewer reads. Each
 * deal, its owner, stage and promises are read once; its last touch and next step as of each
 * day; and all the deals of a day are scored together. A day on which a deal was not open yet
 * (getDealHealth refuses it) has no snapshot, nor has a deal that is not open.
 */
export async function momentumOnDays(
  deps: DealHealthDeps,
  actor: Actor,
  dealIds: readonly string[],
  dates: readonly string[],
): Promise<MomentumSnapshot[]> {
  const ex = deps.runner.executor;
  const zones = new Map<string, string>();
  const open: { deal: Deal; timeZone: string; stage: DealStageFacts; promises: Commitment[] }[] =
    [];
  for (const id of dealIds) {
    const deal = await requireVisibleDeal(deps, ex, actor, id);
    if (deal.status !== 'open') continue;
    let timeZone = zones.get(deal.ownerId);
    if (timeZone === undefined) {
      const owner = await deps.members.findById(ex, deal.workspaceId, deal.ownerId);
      if (!owner) throw notFound('member', deal.ownerId);
      zones.set(deal.ownerId, (timeZone = owner.timeZone));
    }
    const [stage, promises] = await Promise.all([
      deps.momentum.stageFacts(ex, deal.id),
      deps.commitments.listVisible(ex, actor, { dealId: deal.id, limit: 10_000 }),
    ]);
    if (!stage) throw notFound('deal', deal.id);
    open.push({ deal, timeZone, stage, promises });
  }

  const snapshots: MomentumSnapshot[] = [];
  for (const query of dates) {
    const date = parseIsoDate(query).toString();
    const byZone = new Map<string, { day: DayView; deals: ScoredDeal[] }>();
    for (const { deal, timeZone, stage, promises } of open) {
      let group = byZone.get(timeZone);
      if (!group) byZone.set(timeZone, (group = { day: createDayView(date, timeZone), deals: [] }));
      const { day } = group;
      if (day.end <= deal.createdAt) continue;
      const [lastTouchAt, step] = await Promise.all([
        deps.touches.lastTouchBefore(ex, deal.id, day.end),
        deps.nextSteps.latestCreatedBefore(ex, deal.id, day.end),
      ]);
      group.deals.push({
        id: deal.id,
        lastTouchAt,
        createdAt: deal.createdAt,
        stageName: stage.stageName,
        stageChangedAt: stage.stageChangedAt,
        neglectDays: stage.neglectDays,
        nextStepDue: step?.due ?? null,
        openPromises: promisesOpenAt(promises, day),
      });
    }
    for (const { day, deals } of byZone.values())
      for (const [dealId, m] of await scoreDeals(deps, ex, deals, day))
        snapshots.push({ dealId, day: date, score: m.score, factors: m.factors });
  }
  return snapshots;
}
