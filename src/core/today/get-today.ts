import { localDateOf } from '../calendar/index.ts';
import { recordAudit } from '../audit/record.ts';
import type { CommitmentRepository } from '../commitments/ports.ts';
import type { Commitment } from '../commitments/types.ts';
import { addDays, createDayView, startOfLocalDay, type DayView } from '../march/local-days.ts';
import { viewedMember } from '../march/viewed-member.ts';
import type { MomentumRepository, MomentumSnapshot } from '../momentum/ports.ts';
import { scoreDeals, type ScoredDeal } from '../momentum/score-deals.ts';
import { assessNeglect, type Neglect } from '../neglect/assess-neglect.ts';
import type { WriteDeps } from '../shared/deps.ts';
import { parseIsoDate, type IsoDate } from '../shared/dates.ts';
import type { Executor } from '../shared/transactions.ts';
import type { TouchRepository } from '../touches/ports.ts';
import { calendarOf } from '../workspaces/member-calendar.ts';
import type { MemberRepository } from '../workspaces/ports.ts';
import type { Actor, Member } from '../workspaces/types.ts';
import {
  buildCandidates,
  prospectCandidates,
  reviveCandidate,
  type DealRef,
  type Revival,
} from './candidates.ts';
import { planDay, type LaterDay } from './plan-day.ts';
import { weakestFirst } from './weakest-first.ts';
import type { BookedNextStep, OpenDealSummary, TodayReadModel } from './ports.ts';
import type { TodayAgenda } from './types.ts';

const NO_PROMISES: readonly Commitment[] = [];

/** What does not fit today is planned over this many following business days. */
export const LATER_HORIZON = 5;

export type TodayDeps = WriteDeps & {
  members: Pick<MemberRepository, 'findById'>;
  commitments: Pick<CommitmentRepository, 'listOpenForOwner'>;
  touches: Pick<TouchRepository, 'countForMember'>;
  today: TodayReadModel;
  momentum: Pick<
    MomentumRepository,
    'saveSnapshots' | 'promiseRecords' | 'planDocuments' | 'planBaselines'
  >;
};

export interface TodayQuery {
  /** YYYY-MM-DD; today in the member's zone by default. */
  date?: string;
  /** Another member's agenda (owners and managers only). */
  memberId?: string;
}

function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

/** The business days over which rolled items are planned, with what is already fixed on each:
 * promises falling due that are not yet on today's list, next steps, calls. */
function laterDays(
  dates: readonly IsoDate[],
  fixed: readonly { day: IsoDate; dealId: string }[],
): LaterDay[] {
  const byDay = groupBy(fixed, (f) => f.day);
  return dates.map((date) => {
    const on = byDay.get(date) ?? [];
    return { date, fixedCount: on.length, fixedDeals: new Set(on.map((f) => f.dealId)) };
  });
}

interface Loaded {
  deals: OpenDealSummary[];
  commitments: Commitment[];
  calls: Awaited<ReturnType<TodayReadModel['bookedCalls']>>;
  done: number;
}

async function load(
  deps: TodayDeps,
  ex: Executor,
  member: Member,
  day: DayView,
  horizonEnd: IsoDate,
): Promise<Loaded> {
  const [deals, commitments, calls, done] = await Promise.all([
    deps.today.openDeals(ex, member.id, day.date),
    deps.commitments.listOpenForOwner(ex, member.id, horizonEnd),
    deps.today.bookedCalls(
      ex,
      member.id,
      day.start,
      startOfLocalDay(addDays(horizonEnd, 1), day.timeZone),
    ),
    deps.touches.countForMember(ex, member.id, day.start, day.end),
  ]);
  return { deals, commitments, calls, done };
}

/**
 * Today (SPEC §2): a member's ordered list of what to do on a date, planned by `planDay` from
 * their open promises, booked meetings, neglected deals and, when that is not enough to reach
 * the floor, prospects.
 *
 * The reads are the member's open deals (summary columns, the day's momentum snapshot and the
 * open next step's date), their open promises up to the horizon, booked calls and the day's
 * touch count: never the touch history. Neglect is computed for every open deal; momentum comes
 * from the day's snapshot, and deals without one are scored (and, for the current day, their
 * snapshots written) so that later requests read it back.
 */
export async function getToday(
  deps: TodayDeps,
  actor: Actor,
  query: TodayQuery = {},
): Promise<TodayAgenda> {
  const ex = deps.runner.executor;
  const member = await viewedMember(deps, ex, actor, query.memberId);
  const calendar = calendarOf(member);
  const current = localDateOf(deps.clock.now(), member.timeZone);
  const date = query.date ? parseIsoDate(query.date).toString() : current;
  const day = createDayView(date, member.timeZone);
  const businessDay = calendar.isBusinessDay(date);
  const laterDates: IsoDate[] = [];
  for (let d = date; laterDates.length < LATER_HORIZON; laterDates.push(d))
    d = calendar.nextBusinessDayOnOrAfter(addDays(d, 1));
  const horizonEnd = laterDates.at(-1)!;

  const data = await load(deps, ex, member, day, horizonEnd);
  const promisesByDeal = groupBy(data.commitments, (c) => c.dealId);
  const factsOf = (deal: OpenDealSummary): ScoredDeal => ({
    id: deal.id,
    lastTouchAt: deal.lastTouchAt,
    createdAt: deal.createdAt,
    stageName: deal.stageName,
    stageChangedAt: deal.stageChangedAt,
    neglectDays: deal.neglectDays,
    nextStepDue: deal.nextStep?.due ?? null,
    openPromises: promisesByDeal.get(deal.id) ?? NO_PROMISES,
  });

  // One pass over the open deals: neglect, what needs scoring, next steps booked for the day or
  // within the horizon, and each deal by id for the items that name it. Momentum is the day's
  // snapshot where there is one; missing ones are computed: on the current day for every open
  // deal (and written), on other days only for the neglected ones.
  const writeSnapshots = date === current;
  const neglected: { deal: OpenDealSummary; neglect: Neglect }[] = [];
  const toScore: ScoredDeal[] = [];
  const refs = new Map<string, DealRef>();
  const booked: BookedNextStep[] = [];
  const fixedLater: { day: IsoDate; dealId: string }[] = [];
  for (const deal of data.deals) {
    refs.set(deal.id, deal);
    const facts = factsOf(deal);
    const neglect = assessNeglect(facts, day);
    if (neglect.neglected) neglected.push({ deal, neglect });
    if (deal.snapshotScore === null && (writeSnapshots || neglect.neglected)) toScore.push(facts);
    const step = deal.nextStep;
    if (step?.due === date) booked.push({ ...step, dealId: deal.id, text: '' });
    else if (step && step.due > date && step.due <= horizonEnd)
      fixedLater.push({ day: step.due, dealId: deal.id });
  }
  const computed = await scoreDeals(deps, ex, toScore, day);
  // The snapshots only spare later requests the scoring; when they cannot be written (a full
  // disk, a database that refuses writes) the agenda is still right, so the read goes on.
  if (writeSnapshots && computed.size > 0)
    await saveSnapshots(deps, actor, member, date, computed).catch(() => {});
  const scored: Revival[] = neglected.map(({ deal, neglect }) => ({
    deal,
    neglect,
    momentum: deal.snapshotScore ?? computed.get(deal.id)?.score ?? 0,
  }));

  const unknown = [...new Set(data.commitments.map((c) => c.dealId))].filter((id) => !refs.has(id));
  if (unknown.length)
    for (const [id, ref] of await deps.today.dealTitles(ex, unknown)) refs.set(id, ref);
  if (booked.length) {
    const texts = await deps.today.nextStepTexts(
      ex,
      booked.map((s) => s.id),
    );
    for (const s of booked) s.text = texts.get(s.id) ?? '';
  }

  // Promises whose target is still ahead are not on today's list, but fix their due day later.
  for (const c of data.commitments)
    if (
      c.side === 'ours' &&
      c.due !== null &&
      c.due > date &&
      c.due <= horizonEnd &&
      (c.target ?? c.due) > date
    )
      fixedLater.push({ day: c.due, dealId: c.dealId });
  for (const call of data.calls) {
    const on = day.dayOf(call.startedAt);
    if (on > date) fixedLater.push({ day: on, dealId: call.dealId });
  }

  const others = buildCandidates({
    day,
    calendar,
    deals: refs,
    commitments: data.commitments,
    nextSteps: booked,
    calls: data.calls,
  });
  // A neglected deal that is on the list for another reason is named with it, whatever its
  // momentum. Of the others, no more can be planned than today's ceiling and the horizon's
  // floors hold; the weaker ones are only counted.
  const listed = new Set(others.map((c) => c.key));
  const { kept, beyond } = weakestFirst(
    scored.filter((r) => !listed.has(r.deal.id)),
    member.marchCeiling + LATER_HORIZON * member.marchFloor,
  );
  const candidates = [
    ...others,
    ...scored.filter((r) => listed.has(r.deal.id)).map((r) => reviveCandidate(r, day)),
    ...kept.map((r) => reviveCandidate(r, day)),
  ];

  // Prospects are read only when the real work cannot reach the floor.
  const short = member.marchFloor - data.done - new Set(candidates.map((c) => c.key)).size;
  const prospects =
    businessDay && short > 0
      ? prospectCandidates(
          await deps.today.reEngageDue(ex, member.id, date, short),
          await deps.today.accountsWithoutOpenDeal(ex, member.workspaceId, member.id, short),
          date,
        )
      : [];

  const plan = planDay({
    date,
    businessDay,
    floor: member.marchFloor,
    ceiling: member.marchCeiling,
    done: data.done,
    candidates,
    prospects,
    laterDays: laterDays(laterDates, fixedLater),
  });

  return {
    date,
    member: { id: member.id, name: member.name, email: member.email, timeZone: member.timeZone },
    businessDay,
    dayOff: businessDay ? null : calendar.nonBusinessReason(date),
    march: { floor: member.marchFloor, ceiling: member.marchCeiling, done: data.done },
    items: plan.items,
    later: plan.later,
    unplanned: plan.unplanned + beyond,
  };
}

/** Snapshots are derived, not anyone's edit: one audit entry per batch, logged as the system's. */
async function saveSnapshots(
  deps: TodayDeps,
  actor: Actor,
  member: Member,
  date: IsoDate,
  computed: ReadonlyMap<string, { score: number; factors: MomentumSnapshot['factors'] }>,
): Promise<void> {
  const snapshots: MomentumSnapshot[] = [...computed].map(([dealId, m]) => ({
    dealId,
    day: date,
    score: m.score,
    factors: m.factors,
  }));
  await deps.runner.transaction(async (tx) => {
    await deps.momentum.saveSnapshots(tx, snapshots);
    await recordAudit(deps, tx, {
      workspaceId: actor.workspaceId,
      actorId: null,
      action: 'momentum.snapshot',
      entity: 'member',
      entityId: member.id,
      after: { day: date, deals: snapshots.length },
    });
  });
}
