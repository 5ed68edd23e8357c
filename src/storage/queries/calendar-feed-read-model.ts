import type { CalendarMatchReader, FeedReader } from '../../core/calendar-feeds/ports.ts';
import type { FeedNextStep, FeedPromise } from '../../core/calendar-feeds/types.ts';
import { kyselyOf } from '../executor.ts';
import { visibleTo } from '../repositories/deal-repository.ts';
import { toBookedCall } from '../repositories/booked-call-repository.ts';

/**
 * What a member's calendar feed shows, in four reads: their promises (open with a due date, or
 * closed since `since`), the next steps on deals they own (open, or dated since `since`), and
 * the calls booked for them. A next step has no updated_at of its own: its last change is its
 * newest audit entry.
 */
export const feedReader: FeedReader = {
  async read(ex, workspaceId, memberId, since) {
    const db = kyselyOf(ex);
    const member = await db
      .selectFrom('members')
      .innerJoin('users', 'users.id', 'members.user_id')
      .innerJoin('workspaces', 'workspaces.id', 'members.workspace_id')
      .select(['members.time_zone', 'users.name', 'workspaces.name as workspace_name'])
      .where('members.id', '=', memberId)
      .where('members.workspace_id', '=', workspaceId)
      .executeTakeFirstOrThrow();
    const sinceDay = since.slice(0, 10);
    const promises = await db
      .selectFrom('commitments as c')
      .innerJoin('deals as d', 'd.id', 'c.deal_id')
      .innerJoin('accounts as a', 'a.id', 'd.account_id')
      .select([
        'c.id',
        'c.side',
        'c.text',
        'c.due_date',
        'c.target_date',
        'c.snoozed_until',
        'c.state',
        'c.deal_id',
        'd.title as deal_title',
        'a.name as account_name',
        'c.version',
        'c.updated_at',
      ])
      .where('c.workspace_id', '=', workspaceId)
      .where('c.owner_id', '=', memberId)
      .where('c.due_date', 'is not', null)
      .where((eb) => eb.or([eb('c.state', '=', 'open'), eb('c.updated_at', '>=', since)]))
      .orderBy('c.id')
      .execute();
    const steps = await db
      .selectFrom('next_steps as s')
      .innerJoin('deals as d', 'd.id', 's.deal_id')
      .innerJoin('accounts as a', 'a.id', 'd.account_id')
      .select((eb) => [
        's.id',
        's.text',
        's.due_date',
        's.due_time',
        's.state',
        's.deal_id',
        'd.title as deal_title',
        'a.name as account_name',
        's.version',
        's.created_at',
        eb
          .selectFrom('audit_log as l')
          .select((e) => e.fn.max('l.at').as('at'))
          .whereRef('l.entity_id', '=', 's.id')
          .where('l.entity', '=', 'next_step')
          .where('l.workspace_id', '=', workspaceId)
          .as('changed_at'),
      ])
      .where('s.workspace_id', '=', workspaceId)
      .where('d.owner_id', '=', memberId)
      .where((eb) => eb.or([eb('s.state', '=', 'open'), eb('s.due_date', '>=', sinceDay)]))
      .orderBy('s.id')
      .execute();
    const calls = await db
      .selectFrom('booked_calls as b')
      .innerJoin('deals as d', 'd.id', 'b.deal_id')
      .innerJoin('accounts as a', 'a.id', 'd.account_id')
      .selectAll('b')
      .select(['d.title as deal_title', 'a.name as account_name'])
      .where('b.workspace_id', '=', workspaceId)
      .where('b.member_id', '=', memberId)
      .where('b.ends_at', '>=', since)
      .orderBy('b.id')
      .execute();
    // Calls logged ahead of their time (Today's booked calls), still to happen or recent.
    const planned = await db
      .selectFrom('calls as c')
      .innerJoin('deals as d', 'd.id', 'c.deal_id')
      .innerJoin('accounts as a', 'a.id', 'd.account_id')
      .select((eb) => [
        'c.id',
        'c.deal_id',
        'c.started_at',
        'c.version',
        'c.created_at',
        'd.title as deal_title',
        'a.name as account_name',
        eb
          .selectFrom('audit_log as l')
          .select((e) => e.fn.max('l.at').as('at'))
          .whereRef('l.entity_id', '=', 'c.id')
          .where('l.entity', '=', 'call')
          .where('l.workspace_id', '=', workspaceId)
          .as('changed_at'),
      ])
      .where('c.workspace_id', '=', workspaceId)
      .where('c.logged_by', '=', memberId)
      .where('c.started_at', '>=', since)
      .whereRef('c.created_at', '<', 'c.started_at')
      .orderBy('c.id')
      .execute();
    return {
      memberId,
      workspaceId,
      timeZone: member.time_zone,
      memberName: member.name,
      workspaceName: member.workspace_name,
      promises: promises.map((r): FeedPromise => ({
        id: r.id,
        side: r.side === 'theirs' ? 'theirs' : 'ours',
        text: r.text,
        due: r.due_date,
        target: r.target_date,
        snoozedUntil: r.snoozed_until,
        state: r.state as FeedPromise['state'],
        dealId: r.deal_id,
        dealTitle: r.deal_title,
        accountName: r.account_name,
        version: Number(r.version),
        updatedAt: r.updated_at,
      })),
      nextSteps: steps.map((r): FeedNextStep => {
        const changed = r.changed_at ? String(r.changed_at) : null;
        return {
          id: r.id,
          text: r.text,
          due: r.due_date,
          dueTime: r.due_time,
          state: r.state,
          dealId: r.deal_id,
          dealTitle: r.deal_title,
          accountName: r.account_name,
          version: Number(r.version),
          updatedAt: changed && changed > r.created_at ? changed : r.created_at,
        };
      }),
      bookedCalls: calls.map((r) => ({
        ...toBookedCall(r),
        dealTitle: r.deal_title,
        accountName: r.account_name,
      })),
      plannedCalls: planned.map((r) => {
        const changed = r.changed_at ? String(r.changed_at) : null;
        return {
          id: r.id,
          dealId: r.deal_id,
          dealTitle: r.deal_title,
          accountName: r.account_name,
          startedAt: r.started_at,
          version: Number(r.version),
          updatedAt: changed && changed > r.created_at ? changed : r.created_at,
        };
      }),
    };
  },
};

/** Attendees' addresses to contacts, and contacts' accounts to the open deals an actor sees. */
export const calendarMatchReader: CalendarMatchReader = {
  async contactsByEmail(ex, workspaceId, emails) {
    if (!emails.length) return [];
    const rows = await kyselyOf(ex)
      .selectFrom('contacts as c')
      .innerJoin('accounts as a', 'a.id', 'c.account_id')
      .select(['c.email', 'c.name', 'c.account_id', 'a.name as account_name'])
      .where('c.workspace_id', '=', workspaceId)
      .where((eb) => eb(eb.fn('lower', ['c.email']), 'in', emails))
      .orderBy('c.id')
      .execute();
    return rows.map((r) => ({
      email: String(r.email).toLowerCase(),
      contactName: r.name,
      accountId: r.account_id,
      accountName: r.account_name,
    }));
  },
  async openDealsForAccounts(ex, actor, accountIds) {
    if (!accountIds.length) return [];
    const db = kyselyOf(ex);
    const rows = await db
      .selectFrom('deals')
      .innerJoin('accounts as a', 'a.id', 'deals.account_id')
      .select((eb) => [
        'deals.id',
        'deals.title',
        'deals.account_id',
        'a.name as account_name',
        'deals.owner_id',
        eb
          .selectFrom('next_steps as s')
          .select((e) => e.fn.min('s.due_date').as('d'))
          .whereRef('s.deal_id', '=', 'deals.id')
          .where('s.state', '=', 'open')
          .as('next_step_due'),
      ])
      .where(visibleTo(actor))
      .where('deals.status', '=', 'open')
      .where('deals.account_id', 'in', accountIds)
      .orderBy('deals.id')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      title: r.title,
      accountId: r.account_id,
      accountName: r.account_name,
      ownerId: r.owner_id,
      nextActivity: r.next_step_due ? String(r.next_step_due) : null,
    }));
  },
};
