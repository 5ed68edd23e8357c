import { localDateOf } from '../calendar/index.ts';
import type { CommitmentRepository } from '../commitments/ports.ts';
import type { Commitment } from '../commitments/types.ts';
import { addDays, createDayView, startOfLocalDay, type DayView } from '../time/local-days.ts';
import { viewedMember } from '../march/viewed-member.ts';
import type { MomentumRepository } from '../momentum/ports.ts';
import { scoreDeals, type ScoredDeal } from '../momentum/score-deals.ts';
import { assessNeglect, type Neglect } from '../neglect/assess-neglect.ts';
import type { ReadDeps } from '../kernel/deps.ts';
import { parseIsoDate, type IsoDate } from '../time/dates.ts';
import type { Executor } from '../kernel/transactions.ts';
import type { TouchRepository } from '../touches/ports.ts';
import { calendarOf } from '../workspaces/member-calendar.ts';
import type { MemberRepository } from '../workspaces/ports.ts';
import type { Actor, Member } from '../workspaces/types.ts';
import {
  buildCandidates,
  callCandidate,
  deliverCandidate,
  earlyCandidate,
  nextStepCandidate,
  prospectCandidates,
  reviveCandidate,
  type DealRef,
  type Revival,
} from './candidates.ts';
import { planDay, type Candidate, type LaterDay } from './plan-day.ts';
import { deliverReason } from './reasons.ts';
import { weakestFirst } from './weakest-first.ts';
import type { BookedNextStep, OpenDealSummary, TodayReadModel } from './ports.ts';
import type { LaterItem, TodayAgenda } from './types.ts';

const NO_PROMISES: readonly Commitment[] = [];

/** What does not fit today is planned over this many following business days. */
export const LATER_HORIZON = 5;

/** Today only reads: it is served from a full disk or a read-only replica as well. */
export type TodayDeps = ReadDeps & {
  members: Pick<MemberRepository, 'findById'>;
  commitments: Pick<CommitmentRepository, 'listOpenForOwner' | 'nextOursForOwner'>;
  touches: Pick<TouchRepository, 'countForMember'>;
  today: TodayReadModel;
  momentum: Pick<MomentumRepository, 'promiseRecords' | 'planDocuments' | 'planBaselines'>;
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
    deps.today.openDeals(ex, member.id),
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
 * Today (docs/rules.md#today): a member's ordered list of what to do on a date, planned by `planDay` from
 * their open promises, booked meetings, neglected deals and, when that is not enough to reach
 * the floor, promises delivered early and prospects.
 *
 * It only reads, so it is never wrong for having been written at another time and never fails
 * for lack of disk: the member's open deals (summary columns and the open next step's date),
 * their open promises up to the horizon, booked calls and the day's touch count, never the touch
 * history. Neglect is assessed for every open deal and momentum computed, from its inputs as they
 * are now, for the neglected ones (revivals are ordered by it).
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

  // One pass over the open deals: neglect, next steps booked for the day or within the horizon,
  // and each deal by id for the items that name it. Neglected deals are scored: there is no
  // stored score to go stale.
  const neglected: { deal: OpenDealSummary; neglect: Neglect }[] = [];
  const toScore: ScoredDeal[] = [];
  const refs = new Map<string, DealRef>();
  const booked: BookedNextStep[] = [];
  const stepsLater: BookedNextStep[] = [];
  const fixedLater: { day: IsoDate; dealId: string }[] = [];
  for (const deal of data.deals) {
    refs.set(deal.id, deal);
    const facts = factsOf(deal);
    const neglect = assessNeglect(facts, day);
    if (neglect.neglected) {
      neglected.push({ deal, neglect });
      toScore.push(facts);
    }
    const step = deal.nextStep;
    if (step?.due === date) booked.push({ ...step, dealId: deal.id, text: '' });
    else if (step && step.due > date && step.due <= horizonEnd) {
      fixedLater.push({ day: step.due, dealId: deal.id });
      stepsLater.push({ ...step, dealId: deal.id, text: '' });
    }
  }
  const computed = await scoreDeals(deps, ex, toScore, day);
  const scored: Revival[] = neglected.map(({ deal, neglect }) => ({
    deal,
    neglect,
    momentum: computed.get(deal.id)?.score ?? 0,
  }));

  const unknown = [...new Set(data.commitments.map((c) => c.dealId))].filter((id) => !refs.has(id));
  if (unknown.length)
    for (const [id, ref] of await deps.today.dealTitles(ex, unknown)) refs.set(id, ref);
  if (booked.length || stepsLater.length) {
    const steps = [...booked, ...stepsLater];
    const texts = await deps.today.nextStepTexts(
      ex,
      steps.map((s) => s.id),
    );
    for (const s of steps) s.text = texts.get(s.id) ?? '';
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
  // A neglected deal that is on the list for another reason (or has a meeting that day) is
  // named with it, whatever its momentum. Of the others, no more can be planned than today's
  // ceiling and the horizon's floors hold; the weaker ones are only counted.
  const listed = new Set(others.map((c) => c.dealId ?? c.key));
  const { kept, beyond } = weakestFirst(
    scored.filter((r) => !listed.has(r.deal.id)),
    member.marchCeiling + LATER_HORIZON * member.marchFloor,
  );
  const candidates = [
    ...others,
    ...scored.filter((r) => listed.has(r.deal.id)).map((r) => reviveCandidate(r, day)),
    ...kept.map((r) => reviveCandidate(r, day)),
  ];

  // Under the floor, the next of our promises are offered early (the soonest targets first),
  // then new conversations; they are read only when the real work cannot reach the floor.
  const taken = new Set(candidates.map((c) => c.key));
  const short = member.marchFloor - data.done - taken.size;
  const fillIns: Candidate[] = [];
  if (businessDay && short > 0) {
    const ahead = await deps.commitments.nextOursForOwner(ex, member.id, date, short + taken.size);
    const early = await titled(deps, ex, refs, ahead);
    // A deal listed only to be revived gets its next promise as its action: the two are one
    // item, and it adds nothing towards the floor. Every other promise is its own item (a deal
    // with something to deliver or chase keeps that action), soonest target first.
    const acted = new Set(
      candidates
        .filter((c) => c.kind !== 'revive' && c.kind !== 'meet')
        .map((c) => c.dealId ?? c.key),
    );
    const revivalOnly = new Set(
      candidates.filter((c) => c.kind === 'revive' && !acted.has(c.key)).map((c) => c.key),
    );
    for (const c of early) {
      if (revivalOnly.has(c.dealId)) {
        revivalOnly.delete(c.dealId);
        candidates.push(earlyCandidate(c, refs.get(c.dealId), date));
        continue;
      }
      if (fillIns.length >= short) break;
      fillIns.push(earlyCandidate(c, refs.get(c.dealId), date, 'promise'));
    }
    const still = short - fillIns.length;
    if (still > 0)
      fillIns.push(
        ...prospectCandidates(
          await deps.today.reEngageDue(ex, member.id, date, still),
          await deps.today.accountsWithoutOpenDeal(ex, member.workspaceId, member.id, still),
          date,
        ),
      );
  }

  const plan = planDay({
    date,
    businessDay,
    floor: member.marchFloor,
    ceiling: member.marchCeiling,
    done: data.done,
    candidates,
    fillIns,
    laterDays: laterDays(laterDates, fixedLater),
  });

  // What is already booked on the next business days is shown with them, so the rep sees what is
  // coming: promises whose target falls then, next steps and calls.
  const onToday = new Set(plan.items.map((i) => i.commitmentId).filter((id) => id !== null));
  const upcoming: LaterItem[] = [];
  for (const c of data.commitments) {
    const target = c.target ?? c.due;
    if (c.side !== 'ours' || target === null || target <= date || onToday.has(c.id)) continue;
    const candidate = deliverCandidate(c, refs.get(c.dealId), target);
    if (candidate)
      upcoming.push({
        ...candidate.item(),
        reason: deliverReason(c, date),
        fixed: false,
        optional: false,
        planned: target,
      });
  }
  for (const step of stepsLater)
    upcoming.push({
      ...nextStepCandidate(step, refs.get(step.dealId), date).item(),
      optional: false,
      planned: step.due,
    });
  for (const call of data.calls) {
    const on = day.dayOf(call.startedAt);
    if (on > date)
      upcoming.push({
        ...callCandidate(call, refs.get(call.dealId), day).item(),
        optional: false,
        planned: on,
      });
  }
  const later = [...plan.later, ...upcoming].sort((a, b) =>
    a.planned === b.planned
      ? (a.time ?? '99:99').localeCompare(b.time ?? '99:99')
      : a.planned < b.planned
        ? -1
        : 1,
  );

  return {
    date,
    member: { id: member.id, name: member.name, email: member.email, timeZone: member.timeZone },
    businessDay,
    dayOff: businessDay ? null : calendar.nonBusinessReason(date),
    march: { floor: member.marchFloor, ceiling: member.marchCeiling, done: data.done },
    items: plan.items,
    later,
    unplanned: plan.unplanned + beyond,
    open: { deals: data.deals.length, promises: data.commitments.length },
  };
}

/** Names the deals of promises read beyond the horizon. */
async function titled(
  deps: TodayDeps,
  ex: Executor,
  refs: Map<string, DealRef>,
  promises: readonly Commitment[],
): Promise<readonly Commitment[]> {
  const unknown = [...new Set(promises.map((c) => c.dealId))].filter((id) => !refs.has(id));
  if (unknown.length)
    for (const [id, ref] of await deps.today.dealTitles(ex, unknown)) refs.set(id, ref);
  return promises;
}
