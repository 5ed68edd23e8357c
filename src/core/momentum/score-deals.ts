import { addDays, startOfLocalDay, type DayView } from '../time/local-days.ts';
import type { OpenPromiseFacts } from '../neglect/assess-neglect.ts';
import { assessNeglect, isOverdueOurs } from '../neglect/assess-neglect.ts';
import type { IsoDate } from '../time/dates.ts';
import type { Executor } from '../kernel/transactions.ts';
import { PLAN_WINDOW_DAYS, planMovement } from './plan-movement.ts';
import type { MomentumRepository } from './ports.ts';
import { scoreMomentum, type Momentum } from './score.ts';

/** A deal as the score sees it, as of the day being scored. */
export interface ScoredDeal {
  id: string;
  lastTouchAt: string | null;
  createdAt: string;
  stageName: string;
  stageChangedAt: string;
  neglectDays: number;
  nextStepDue: IsoDate | null;
  openPromises: readonly OpenPromiseFacts[];
}

/**
 * Scores many deals as of one day with three reads for all of them: kept promises, the plan as
 * it stood at the end of the day, and as it stood 30 days before (or as first written since).
 */
export async function scoreDeals(
  deps: {
    momentum: Pick<MomentumRepository, 'promiseRecords' | 'planDocuments' | 'planBaselines'>;
  },
  ex: Executor,
  deals: readonly ScoredDeal[],
  day: DayView,
): Promise<Map<string, Momentum>> {
  const scores = new Map<string, Momentum>();
  if (deals.length === 0) return scores;
  const ids = deals.map((d) => d.id);
  const windowStart = startOfLocalDay(addDays(day.date, -PLAN_WINDOW_DAYS), day.timeZone);
  const [kept, plansNow, plansBefore] = await Promise.all([
    deps.momentum.promiseRecords(ex, ids, day.end),
    deps.momentum.planDocuments(ex, ids, day.end),
    deps.momentum.planBaselines(ex, ids, windowStart),
  ]);
  for (const d of deals) {
    const record = kept.get(d.id) ?? { early: 0, onTime: 0, late: 0, overdue: 0 };
    const overdue = d.openPromises.filter((p) => isOverdueOurs(p, day)).length;
    scores.set(
      d.id,
      scoreMomentum(
        {
          lastTouchAt: d.lastTouchAt,
          createdAt: d.createdAt,
          stageName: d.stageName,
          stageChangedAt: d.stageChangedAt,
          neglectDays: d.neglectDays,
          nextStepDue: d.nextStepDue,
          promises: { ...record, overdue },
          plan: planMovement(plansBefore.get(d.id) ?? null, plansNow.get(d.id) ?? null),
          neglected: assessNeglect(d, day).neglected,
        },
        day,
      ),
    );
  }
  return scores;
}
