import type { Kysely } from 'kysely';
import type { CommitmentSide } from '../../core/commitments/types.ts';
import type { LiveDealFacts, MomentumRepository } from '../../core/momentum/ports.ts';
import type { PromiseRecord } from '../../core/momentum/score.ts';
import { chunksFor } from '../dialects/capabilities.ts';
import { kyselyOf } from '../executor.ts';
import type { Database } from '../schema.ts';

function parseDocument(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** The plan document of each deal whose revision number `pick` chooses among those created
 * before `before` (or all of them when `before` is null). */
async function plansBy(
  db: Kysely<Database>,
  dealIds: readonly string[],
  before: string | null,
  pick: 'max' | 'min',
): Promise<Map<string, unknown>> {
  const out = new Map<string, unknown>();
  // Ids per IN list as the dialect allows; `before` binds one more.
  for (const ids of chunksFor(db, dealIds, { reserved: 1 })) {
    const rows = await db
      .selectFrom('plan_revisions as p')
      .innerJoin(
        (eb) => {
          let q = eb
            .selectFrom('plan_revisions')
            .select((s) => [
              'deal_id',
              (pick === 'max' ? s.fn.max('number') : s.fn.min('number')).as('n'),
            ])
            .where('deal_id', 'in', ids);
          if (before !== null) q = q.where('created_at', '<', before);
          return q.groupBy('deal_id').as('chosen');
        },
        (join) => join.onRef('chosen.deal_id', '=', 'p.deal_id').onRef('chosen.n', '=', 'p.number'),
      )
      .select(['p.deal_id', 'p.document'])
      .execute();
    for (const r of rows) out.set(r.deal_id, parseDocument(r.document));
  }
  return out;
}

export const momentumRepository: MomentumRepository = {
  async saveSnapshots(ex, snapshots) {
    const db = kyselyOf(ex);
    // Snapshot rows per insert: four parameters each.
    for (const part of chunksFor(db, snapshots, { perItem: 4 })) {
      await db
        .insertInto('momentum_snapshots')
        .values(
          part.map((s) => ({
            deal_id: s.dealId,
            day: s.day,
            score: s.score,
            factors: JSON.stringify(s.factors),
          })),
        )
        .onConflict((oc) =>
          oc.columns(['deal_id', 'day']).doUpdateSet((eb) => ({
            score: eb.ref('excluded.score'),
            factors: eb.ref('excluded.factors'),
          })),
        )
        .execute();
    }
  },
  async listSnapshots(ex, dealId, from, to) {
    const rows = await kyselyOf(ex)
      .selectFrom('momentum_snapshots')
      .select(['day', 'score'])
      .where('deal_id', '=', dealId)
      .where('day', '>=', from)
      .where('day', '<=', to)
      .orderBy('day')
      .execute();
    return rows.map((r) => ({ day: r.day, score: Number(r.score) }));
  },
  async liveFacts(ex, dealIds) {
    const db = kyselyOf(ex);
    const out = new Map<string, LiveDealFacts>();
    for (const ids of chunksFor(db, dealIds, { reserved: 2 })) {
      const [deals, promises] = await Promise.all([
        db
          .selectFrom('deals')
          .innerJoin('stages', 'stages.id', 'deals.stage_id')
          .innerJoin('members', 'members.id', 'deals.owner_id')
          .leftJoin('next_steps as step', (join) =>
            join.onRef('step.deal_id', '=', 'deals.id').on('step.state', '=', 'open'),
          )
          .select([
            'deals.id',
            'deals.last_touch_at',
            'deals.created_at',
            'deals.stage_changed_at',
            'stages.name',
            'stages.neglect_days',
            'members.time_zone',
            'step.due_date as step_due',
          ])
          .where('deals.id', 'in', ids)
          .where('deals.status', '=', 'open')
          .execute(),
        db
          .selectFrom('commitments')
          .select(['deal_id', 'side', 'due_date', 'last_chased_at'])
          .where('deal_id', 'in', ids)
          .where('state', '=', 'open')
          .execute(),
      ]);
      for (const d of deals) {
        const seen = out.get(d.id);
        // One open next step per deal; should two ever be open, the later date stands.
        if (seen) {
          if (d.step_due && (!seen.nextStepDue || d.step_due > seen.nextStepDue))
            seen.nextStepDue = d.step_due;
          continue;
        }
        out.set(d.id, {
          id: d.id,
          timeZone: d.time_zone,
          lastTouchAt: d.last_touch_at,
          createdAt: d.created_at,
          stageName: d.name,
          stageChangedAt: d.stage_changed_at,
          neglectDays: Number(d.neglect_days),
          nextStepDue: d.step_due,
          openPromises: [],
        });
      }
      for (const p of promises)
        out.get(p.deal_id)?.openPromises.push({
          side: p.side as CommitmentSide,
          due: p.due_date,
          lastChasedAt: p.last_chased_at,
        });
    }
    return [...out.values()];
  },
  async stageFacts(ex, dealId) {
    const row = await kyselyOf(ex)
      .selectFrom('deals')
      .innerJoin('stages', 'stages.id', 'deals.stage_id')
      .select(['stages.name', 'stages.neglect_days', 'deals.stage_changed_at'])
      .where('deals.id', '=', dealId)
      .executeTakeFirst();
    return row
      ? {
          stageName: row.name,
          neglectDays: Number(row.neglect_days),
          stageChangedAt: row.stage_changed_at,
        }
      : null;
  },
  async promiseRecords(ex, dealIds, before) {
    const out = new Map<string, PromiseRecord>();
    for (const ids of chunksFor(ex, dealIds, { reserved: 2 })) {
      const rows = await kyselyOf(ex)
        .selectFrom('commitments')
        .select((eb) => ['deal_id', 'classification', eb.fn.countAll<number | string>().as('n')])
        .where('deal_id', 'in', ids)
        .where('state', '=', 'done')
        .where('done_at', '<', before)
        .groupBy(['deal_id', 'classification'])
        .execute();
      for (const r of rows) {
        const record = out.get(r.deal_id) ?? { early: 0, onTime: 0, late: 0, overdue: 0 };
        const n = Number(r.n);
        if (r.classification === 'early') record.early += n;
        else if (r.classification === 'on-time') record.onTime += n;
        else if (r.classification === 'late') record.late += n;
        out.set(r.deal_id, record);
      }
    }
    return out;
  },
  planDocuments(ex, dealIds, before) {
    return plansBy(kyselyOf(ex), dealIds, before, 'max');
  },
  async planBaselines(ex, dealIds, at) {
    const db = kyselyOf(ex);
    const plans = await plansBy(db, dealIds, at, 'max');
    const missing = dealIds.filter((id) => !plans.has(id));
    if (missing.length)
      for (const [id, doc] of await plansBy(db, missing, null, 'min')) plans.set(id, doc);
    return plans;
  },
};
