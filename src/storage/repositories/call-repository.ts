import type { Selectable } from 'kysely';
import type { CallRepository } from '../../core/calls/ports.ts';
import type {
  AttendeeSide,
  Call,
  CallOutcome,
  HabitCheck,
  PoorOutcomeReason,
} from '../../core/calls/types.ts';
import type { Executor } from '../../core/kernel/transactions.ts';
import { kyselyOf } from '../executor.ts';
import type { CallsTable } from '../schema.ts';
import { visibleTo } from './deal-repository.ts';

function parseIds(json: string): string[] {
  const value: unknown = JSON.parse(json);
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** Reads the attendees and checklists of some calls in two queries, and builds the calls. */
async function withParts(ex: Executor, rows: Selectable<CallsTable>[]): Promise<Call[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const db = kyselyOf(ex);
  const attendees = await db
    .selectFrom('call_attendees')
    .selectAll()
    .where('call_id', 'in', ids)
    .orderBy('call_id')
    .orderBy('position')
    .execute();
  const checks = await db
    .selectFrom('call_habits')
    .innerJoin('habits', 'habits.id', 'call_habits.habit_id')
    .select(['call_habits.call_id', 'call_habits.habit_id', 'call_habits.state'])
    .where('call_habits.call_id', 'in', ids)
    .orderBy('call_habits.call_id')
    .orderBy('habits.position')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    workspaceId: r.workspace_id,
    dealId: r.deal_id,
    loggedBy: r.logged_by,
    startedAt: r.started_at,
    timeZone: r.time_zone,
    notes: r.notes,
    outcome: r.outcome as CallOutcome | null,
    reason: r.reason as PoorOutcomeReason | null,
    lesson: r.lesson,
    lessonHabits: parseIds(r.lesson_habits),
    attendees: attendees
      .filter((a) => a.call_id === r.id)
      .map((a) => ({
        name: a.name,
        side: a.side as AttendeeSide,
        memberId: a.member_id,
        contactId: a.contact_id,
      })),
    habits: checks
      .filter((c) => c.call_id === r.id)
      .map((c) => ({ habitId: c.habit_id, state: c.state as HabitCheck })),
    createdAt: r.created_at,
    version: r.version,
  }));
}

export const callRepository: CallRepository = {
  async insert(ex, call) {
    const db = kyselyOf(ex);
    await db
      .insertInto('calls')
      .values({
        id: call.id,
        workspace_id: call.workspaceId,
        deal_id: call.dealId,
        logged_by: call.loggedBy,
        started_at: call.startedAt,
        time_zone: call.timeZone,
        notes: call.notes,
        outcome: call.outcome,
        reason: call.reason,
        lesson: call.lesson,
        lesson_habits: JSON.stringify(call.lessonHabits),
        created_at: call.createdAt,
        version: call.version,
      })
      .execute();
    if (call.attendees.length) {
      await db
        .insertInto('call_attendees')
        .values(
          call.attendees.map((a, i) => ({
            call_id: call.id,
            position: i + 1,
            name: a.name,
            side: a.side,
            member_id: a.memberId,
            contact_id: a.contactId,
          })),
        )
        .execute();
    }
    if (call.habits.length) {
      await db
        .insertInto('call_habits')
        .values(call.habits.map((h) => ({ call_id: call.id, habit_id: h.habitId, state: h.state })))
        .execute();
    }
  },
  async findVisible(ex, actor, id) {
    const row = await kyselyOf(ex)
      .selectFrom('calls')
      .innerJoin('deals', 'deals.id', 'calls.deal_id')
      .selectAll('calls')
      .where('calls.id', '=', id)
      .where(visibleTo(actor))
      .executeTakeFirst();
    return row ? ((await withParts(ex, [row]))[0] ?? null) : null;
  },
  async listVisible(ex, actor, limit) {
    const rows = await kyselyOf(ex)
      .selectFrom('calls')
      .innerJoin('deals', 'deals.id', 'calls.deal_id')
      .selectAll('calls')
      .where('calls.workspace_id', '=', actor.workspaceId)
      .where(visibleTo(actor))
      .orderBy('calls.started_at', 'desc')
      .orderBy('calls.id', 'desc')
      .limit(limit)
      .execute();
    return withParts(ex, rows);
  },
  async listForDeal(ex, dealId, limit) {
    const rows = await kyselyOf(ex)
      .selectFrom('calls')
      .selectAll()
      .where('deal_id', '=', dealId)
      .orderBy('started_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return withParts(ex, rows);
  },
};
