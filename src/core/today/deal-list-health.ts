import { localDateOf } from '../calendar/index.ts';
import type { CommitmentRepository } from '../commitments/ports.ts';
import type { Commitment } from '../commitments/types.ts';
import type { Deal } from '../deals/types.ts';
import { createDayView } from '../time/local-days.ts';
import { assessNeglect, type NeglectReason } from '../neglect/assess-neglect.ts';
import type { ReadDeps } from '../kernel/deps.ts';
import type { TodayReadModel } from './ports.ts';
import type { MemberRepository } from '../workspaces/ports.ts';
import type { Actor } from '../workspaces/types.ts';
import type { MomentumRepository } from '../momentum/ports.ts';
import { scoreDeals, type ScoredDeal } from '../momentum/score-deals.ts';

export interface DealHealthFlags {
  momentum: number;
  neglected: boolean;
  reasons: NeglectReason[];
}

export type DealsHealthDeps = ReadDeps & {
  members: Pick<MemberRepository, 'findById'>;
  commitments: Pick<CommitmentRepository, 'listOpenForOwner'>;
  today: Pick<TodayReadModel, 'openDeals'>;
  momentum: Pick<MomentumRepository, 'promiseRecords' | 'planDocuments' | 'planBaselines'>;
};

/**
 * Momentum and neglect, as of today in each owner's zone, for a list of deals the caller has
 * already been allowed to see (the deals list and board). It reads what Today reads, once per
 * owner: the owner's open deals' summaries and their open promises, and scores the deals from
 * their inputs as they are now, like Today and the deal page. Nothing is written.
 */
export async function dealsHealth(
  deps: DealsHealthDeps,
  _actor: Actor,
  deals: readonly Deal[],
): Promise<Map<string, DealHealthFlags>> {
  const ex = deps.runner.executor;
  const wanted = new Set(deals.filter((d) => d.status === 'open').map((d) => d.id));
  const owners = new Map<string, string>();
  for (const d of deals) if (wanted.has(d.id)) owners.set(d.ownerId, d.workspaceId);
  const health = new Map<string, DealHealthFlags>();

  for (const [ownerId, workspaceId] of owners) {
    const owner = await deps.members.findById(ex, workspaceId, ownerId);
    if (!owner) continue;
    const date = localDateOf(deps.clock.now(), owner.timeZone);
    const day = createDayView(date, owner.timeZone);
    const [summaries, promises] = await Promise.all([
      deps.today.openDeals(ex, ownerId),
      deps.commitments.listOpenForOwner(ex, ownerId, date),
    ]);
    const promisesByDeal = new Map<string, Commitment[]>();
    for (const c of promises)
      promisesByDeal.set(c.dealId, [...(promisesByDeal.get(c.dealId) ?? []), c]);

    const toScore: ScoredDeal[] = [];
    for (const s of summaries) {
      if (!wanted.has(s.id)) continue;
      const facts: ScoredDeal = {
        id: s.id,
        lastTouchAt: s.lastTouchAt,
        createdAt: s.createdAt,
        stageName: s.stageName,
        stageChangedAt: s.stageChangedAt,
        neglectDays: s.neglectDays,
        nextStepDue: s.nextStep?.due ?? null,
        openPromises: promisesByDeal.get(s.id) ?? [],
      };
      const neglect = assessNeglect(facts, day);
      health.set(s.id, { momentum: 0, neglected: neglect.neglected, reasons: neglect.reasons });
      toScore.push(facts);
    }
    for (const [id, m] of await scoreDeals(deps, ex, toScore, day)) {
      health.get(id)!.momentum = m.score;
    }
  }
  return health;
}
