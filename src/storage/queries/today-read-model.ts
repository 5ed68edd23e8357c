import { DEFAULT_NEGLECT_DAYS } from '../../core/deals/types.ts';
import type { OpenDealSummary, TodayReadModel } from '../../core/today/ports.ts';
import { chunksFor } from '../dialects/capabilities.ts';
import { kyselyOf } from '../executor.ts';

/**
 * The reads behind Today, each a single indexed query:
 * - open deals with the open next step: two covering indexes (deals_today_idx,
 *   next_steps_today_idx, migration 003), and
 *   the workspace's few stages beside them;
 * - booked calls: calls_logger_idx (logged_by, started_at).
 * Open promises come from the commitment repository (commitments_owner_open_target_idx) and the
 * day's touch count from the touch repository (touches_member_at_idx). None of them reads the
 * touch history.
 */
export const todayReadModel: TodayReadModel = {
  async openDeals(ex, ownerId) {
    const db = kyselyOf(ex);
    const [stages, rows] = await Promise.all([
      db
        .selectFrom('stages')
        .select(['stages.id', 'stages.name', 'stages.neglect_days'])
        .where('stages.workspace_id', '=', (eb) =>
          eb.selectFrom('members').select('members.workspace_id').where('members.id', '=', ownerId),
        )
        .execute(),
      db
        .selectFrom('deals')
        .leftJoin('next_steps as step', (join) =>
          join.onRef('step.deal_id', '=', 'deals.id').on('step.state', '=', 'open'),
        )
        .select([
          'deals.id',
          'deals.title',
          'deals.account_id',
          'deals.stage_id',
          'deals.last_touch_at',
          'deals.created_at',
          'deals.stage_changed_at',
          'step.id as step_id',
          'step.due_date as step_due',
          'step.due_time as step_time',
        ])
        .where('deals.owner_id', '=', ownerId)
        .where('deals.status', '=', 'open')
        .execute(),
    ]);
    const stageOf = new Map(stages.map((s) => [s.id, s]));
    const deals = new Map<string, OpenDealSummary>();
    for (const r of rows) {
      const stage = stageOf.get(r.stage_id);
      const step = r.step_id ? { id: r.step_id, due: r.step_due!, dueTime: r.step_time } : null;
      // A deal has one open next step; should two ever be open, the later date stands.
      const seen = deals.get(r.id);
      if (seen) {
        if (step && (!seen.nextStep || step.due > seen.nextStep.due)) seen.nextStep = step;
        continue;
      }
      deals.set(r.id, {
        id: r.id,
        title: r.title,
        accountId: r.account_id,
        stageId: r.stage_id,
        stageName: stage?.name ?? '',
        neglectDays: stage ? Number(stage.neglect_days) : DEFAULT_NEGLECT_DAYS,
        lastTouchAt: r.last_touch_at,
        createdAt: r.created_at,
        stageChangedAt: r.stage_changed_at,
        nextStep: step,
      });
    }
    return [...deals.values()];
  },

  async nextStepTexts(ex, ids) {
    const out = new Map<string, string>();
    for (const part of chunksFor(ex, ids)) {
      const rows = await kyselyOf(ex)
        .selectFrom('next_steps')
        .select(['id', 'text'])
        .where('id', 'in', part)
        .execute();
      for (const r of rows) out.set(r.id, r.text);
    }
    return out;
  },

  async bookedCalls(ex, memberId, from, to) {
    const rows = await kyselyOf(ex)
      .selectFrom('calls')
      .select(['id', 'deal_id', 'started_at'])
      .where('logged_by', '=', memberId)
      .where('started_at', '>=', from)
      .where('started_at', '<', to)
      .where('outcome', 'is', null)
      // Booked ahead: a call logged after it happened is not on anyone's calendar.
      .whereRef('created_at', '<', 'started_at')
      .orderBy('started_at')
      .execute();
    // Meetings imported from the member's calendar are booked calls too (issue 14).
    const imported = await kyselyOf(ex)
      .selectFrom('booked_calls')
      .select(['id', 'deal_id', 'starts_at'])
      .where('member_id', '=', memberId)
      .where('state', '=', 'booked')
      .where('starts_at', '>=', from)
      .where('starts_at', '<', to)
      .orderBy('starts_at')
      .execute();
    return [
      ...rows.map((r) => ({ id: r.id, dealId: r.deal_id, startedAt: r.started_at })),
      ...imported.map((r) => ({ id: r.id, dealId: r.deal_id, startedAt: r.starts_at })),
    ].sort((a, b) => (a.startedAt < b.startedAt ? -1 : a.startedAt > b.startedAt ? 1 : 0));
  },

  async dealTitles(ex, ids) {
    const out = new Map<string, { title: string; accountId: string }>();
    for (const part of chunksFor(ex, ids)) {
      const rows = await kyselyOf(ex)
        .selectFrom('deals')
        .select(['id', 'title', 'account_id'])
        .where('id', 'in', part)
        .execute();
      for (const r of rows) out.set(r.id, { title: r.title, accountId: r.account_id });
    }
    return out;
  },

  async reEngageDue(ex, ownerId, day, limit) {
    const rows = await kyselyOf(ex)
      .selectFrom('deals')
      .select(['id', 'title', 'account_id', 'status', 're_engage_on', 'close_reason'])
      .where('owner_id', '=', ownerId)
      .where('status', 'in', ['paused', 'lost'])
      .where('re_engage_on', 'is not', null)
      .where('re_engage_on', '<=', day)
      .orderBy('re_engage_on')
      .orderBy('id')
      .limit(limit)
      .execute();
    return rows.map((r) => ({
      id: r.id,
      title: r.title,
      accountId: r.account_id,
      status: r.status as 'paused' | 'lost',
      reEngageOn: r.re_engage_on!,
      closeReason: r.close_reason,
    }));
  },

  async accountsWithoutOpenDeal(ex, workspaceId, memberId, limit) {
    const rows = await kyselyOf(ex)
      .selectFrom('accounts')
      .select(['accounts.id', 'accounts.name'])
      .where('accounts.workspace_id', '=', workspaceId)
      // Paused deals come back on their own date; their accounts are not prospects before it.
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('deals')
              .select('deals.id')
              .whereRef('deals.account_id', '=', 'accounts.id')
              .where('deals.status', 'in', ['open', 'paused']),
          ),
        ),
      )
      .orderBy((eb) =>
        eb
          .case()
          .when(
            eb.exists(
              eb
                .selectFrom('deals')
                .select('deals.id')
                .whereRef('deals.account_id', '=', 'accounts.id')
                .where('deals.owner_id', '=', memberId),
            ),
          )
          .then(0)
          .else(1)
          .end(),
      )
      .orderBy('accounts.name_key')
      .orderBy('accounts.id')
      .limit(limit)
      .execute();
    return rows.map((r) => ({ id: r.id, name: r.name }));
  },
};
