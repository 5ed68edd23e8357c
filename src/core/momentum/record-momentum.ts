import { localDateOf } from '../calendar/index.ts';
import { createDayView } from '../time/local-days.ts';
import type { Clock } from '../kernel/clock.ts';
import type { Executor } from '../kernel/transactions.ts';
import type { LiveDealFacts, MomentumRepository, MomentumSnapshot } from './ports.ts';
import { scoreDeals } from './score-deals.ts';

export interface RecordMomentumDeps {
  clock: Clock;
  momentum: Pick<
    MomentumRepository,
    'liveFacts' | 'saveSnapshots' | 'promiseRecords' | 'planDocuments' | 'planBaselines'
  >;
}

/**
 * Records the momentum of deals whose inputs a write just changed, as it stands now on each
 * owner's day, replacing that day's snapshot: the history a trend is drawn from. It runs inside
 * the writing transaction (the store calls it before COMMIT), so the history never disagrees
 * with the data and no reader ever has to write. Deals that are not open have no score and are
 * left alone.
 */
export async function recordMomentum(
  deps: RecordMomentumDeps,
  tx: Executor,
  dealIds: readonly string[],
): Promise<void> {
  const live = await deps.momentum.liveFacts(tx, dealIds);
  const byZone = new Map<string, LiveDealFacts[]>();
  for (const deal of live) {
    const list = byZone.get(deal.timeZone);
    if (list) list.push(deal);
    else byZone.set(deal.timeZone, [deal]);
  }
  const snapshots: MomentumSnapshot[] = [];
  for (const [timeZone, deals] of byZone) {
    const day = createDayView(localDateOf(deps.clock.now(), timeZone), timeZone);
    for (const [dealId, m] of await scoreDeals(deps, tx, deals, day))
      snapshots.push({ dealId, day: day.date, score: m.score, factors: m.factors });
  }
  if (snapshots.length) await deps.momentum.saveSnapshots(tx, snapshots);
}
