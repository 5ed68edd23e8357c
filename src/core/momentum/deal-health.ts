import { localDateOf } from '../calendar/index.ts';
import { recordAudit } from '../audit/record.ts';
import type { CommitmentRepository } from '../commitments/ports.ts';
import type { Commitment } from '../commitments/types.ts';
import { requireVisibleDeal } from '../deals/manage-deals.ts';
import type { DealRepository } from '../deals/ports.ts';
import { addDays, createDayView, type DayView } from '../march/local-days.ts';
import { assessNeglect, type Neglect } from '../neglect/assess-neglect.ts';
import type { NextStepRepository } from '../next-steps/ports.ts';
import type { WriteDeps } from '../shared/deps.ts';
import { parseIsoDate, type IsoDate } from '../shared/dates.ts';
import { invalid, notFound } from '../shared/errors.ts';
import type { TouchRepository } from '../touches/ports.ts';
import type { MemberRepository } from '../workspaces/ports.ts';
import type { Actor } from '../workspaces/types.ts';
import { neglectDetails } from '../neglect/neglect-details.ts';
import type { MomentumRepository } from './ports.ts';
import type { MomentumFactor } from './score.ts';
import { scoreDeals } from './score-deals.ts';

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

export type DealHealthDeps = WriteDeps & {
  deals: DealRepository;
  members: Pick<MemberRepository, 'findById'>;
  commitments: Pick<CommitmentRepository, 'listVisible'>;
  nextSteps: Pick<NextStepRepository, 'latestCreatedBefore'>;
  touches: Pick<TouchRepository, 'lastTouchBefore'>;
  momentum: Omit<MomentumRepository, 'forgetFrom' | 'forgetStageFrom'>;
};

/** A promise as it stood at the end of the day: made by then, and not yet kept or dropped. */
function openAt(c: Commitment, day: DayView): boolean {
  if (c.createdAt >= day.end) return false;
  if (c.state === 'open') return true;
  if (c.state === 'done') return c.doneAt !== null && c.doneAt >= day.end;
  return c.updatedAt >= day.end;
}

/**
 * A deal's neglect and momentum as of a day (default: today in its owner's zone), evaluated from
 * its history, with the score's trend. Looking at today writes today's snapshot when there is
 * none yet or the score moved, so the trend fills in as the deal is looked at.
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
  const openPromises = commitments
    .filter((c) => openAt(c, day))
    .map((c) => ({
      side: c.side,
      due: c.due,
      lastChasedAt: c.lastChasedAt !== null && c.lastChasedAt < day.end ? c.lastChasedAt : null,
    }));
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

  const snapshot = stored.find((s) => s.day === date);
  if (date === today && snapshot?.score !== momentum.score) {
    // Derived, like Today's snapshots: a read must not fail because this write did (disk full).
    await deps.runner
      .transaction(async (tx) => {
        await deps.momentum.saveSnapshots(tx, [
          { dealId: deal.id, day: date, score: momentum.score, factors: momentum.factors },
        ]);
        // A snapshot is derived, not anyone's edit; it is logged as the system's.
        await recordAudit(deps, tx, {
          workspaceId: deal.workspaceId,
          actorId: null,
          action: 'momentum.snapshot',
          entity: 'deal',
          entityId: deal.id,
          before: snapshot ? { day: date, score: snapshot.score } : null,
          after: { day: date, score: momentum.score },
        });
      })
      .catch(() => {});
  }

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
