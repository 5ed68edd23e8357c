import { DEFAULT_NEGLECT_DAYS } from '../deals/types.ts';
import { daysBetween, type DayView } from '../time/local-days.ts';
import type { IsoDate } from '../time/dates.ts';

export const MOMENTUM_FACTORS = [
  'touch-recency',
  'next-step',
  'promises',
  'plan',
  'stage-movement',
] as const;
export type MomentumFactorName = (typeof MOMENTUM_FACTORS)[number];

/** One reason for a score: what was measured (`value`), and how many points it moved the
 * score (`effect`, positive or negative), with the same in words. */
export interface MomentumFactor {
  name: MomentumFactorName;
  value: number | null;
  effect: number;
  detail: string;
}

export interface Momentum {
  /** 0..100. */
  score: number;
  factors: MomentumFactor[];
}

/** Promises on the deal kept so far, and ours still open past their due date. */
export interface PromiseRecord {
  early: number;
  onTime: number;
  late: number;
  overdue: number;
}

/** Plan milestones completed or moved earlier (advanced) and moved later (slipped) lately. */
export interface PlanMovement {
  advanced: number;
  slipped: number;
}

export interface MomentumFacts {
  lastTouchAt: string | null;
  createdAt: string;
  stageName: string;
  stageChangedAt: string;
  neglectDays: number | null;
  nextStepDue: IsoDate | null;
  promises: PromiseRecord;
  plan: PlanMovement;
  /** Neglected as of the day (see assessNeglect): the score then stays below the healthy band. */
  neglected?: boolean;
}

/** Where a deal starts, with nothing done yet: neutral. */
export const BASE_SCORE = 50;
/** The bands the app colours: healthy from 60, weak below 35. */
export const HEALTHY_FROM = 60;
export const WEAK_BELOW = 35;

// `+ 0` turns a rounded −0 into 0, so that effects print and compare as plain numbers.
const clamp = (n: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, n)) + 0;
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * The momentum score of an open deal as of a day: 50 plus the effect of five factors, clipped
 * to 0..100.
 *
 * - touch-recency: ±25, linear in days since the last touch over the stage's threshold: +25 when
 *   touched that day, 0 at the threshold, −25 at twice the threshold or more. A deal never
 *   touched earns nothing for being new: 0 until its threshold, then down the same line.
 * - next-step: +15 when a next step is booked on or after the day, −15 when none is (0 for a
 *   deal never touched: nothing could have been agreed yet).
 * - promises: +4 per promise kept early, +1 on time, −5 late, −8 per one of ours open past
 *   due; clipped to −20..+15.
 * - plan: +5 per milestone completed or moved earlier in the last 30 days, −5 per one moved
 *   later; clipped to −10..+10.
 * - stage-movement: +10 on the day the deal changed stage, 0 after twice the threshold in the
 *   stage, −10 after four times it. Being opened in a stage is not a move: a deal that never
 *   changed stage earns no bonus, only the penalty for staying.
 *
 * A brand-new deal therefore scores 50. A neglected deal is held below the healthy band (59 at
 * most), so that the score and the neglect flag never disagree.
 *
 * The weights put recency and a booked next step first: the two things neglect is made of.
 */
export function scoreMomentum(facts: MomentumFacts, day: DayView): Momentum {
  const threshold = facts.neglectDays ?? DEFAULT_NEGLECT_DAYS;
  const factors: MomentumFactor[] = [];

  const sinceTouch = Math.max(
    0,
    daysBetween(day.dayOf(facts.lastTouchAt ?? facts.createdAt), day.date),
  );
  const touched = facts.lastTouchAt !== null;
  factors.push({
    name: 'touch-recency',
    value: sinceTouch,
    effect: clamp(Math.round(25 * (1 - sinceTouch / threshold)), -25, touched ? 25 : 0),
    detail: `${facts.lastTouchAt ? 'last touch' : 'no touch since the deal was opened'} ${
      sinceTouch === 0 ? 'today' : `${plural(sinceTouch, 'day')} ago`
    } (${facts.stageName} allows ${plural(threshold, 'day')})`,
  });

  const booked = facts.nextStepDue !== null && facts.nextStepDue >= day.date;
  const untilStep = booked ? daysBetween(day.date, facts.nextStepDue!) : null;
  factors.push({
    name: 'next-step',
    value: untilStep,
    effect: booked ? 15 : touched ? -15 : 0,
    detail:
      untilStep === null
        ? 'no next step booked'
        : untilStep === 0
          ? 'next step today'
          : `next step in ${plural(untilStep, 'day')}`,
  });

  const p = facts.promises;
  factors.push({
    name: 'promises',
    value: p.early - p.late - p.overdue,
    effect: clamp(4 * p.early + p.onTime - 5 * p.late - 8 * p.overdue, -20, 15),
    detail: `${p.early} kept early, ${p.onTime} on time, ${p.late} late, ${p.overdue} of ours overdue`,
  });

  const net = facts.plan.advanced - facts.plan.slipped;
  factors.push({
    name: 'plan',
    value: net,
    effect: clamp(5 * net, -10, 10),
    detail: `${plural(facts.plan.advanced, 'milestone')} advanced, ${facts.plan.slipped} slipped in the last 30 days`,
  });

  const inStage = Math.max(0, daysBetween(day.dayOf(facts.stageChangedAt), day.date));
  const moved = facts.stageChangedAt > facts.createdAt;
  factors.push({
    name: 'stage-movement',
    value: inStage,
    effect: clamp(Math.round(10 - (5 * inStage) / threshold), -10, moved ? 10 : 0),
    detail: `in ${facts.stageName} for ${plural(inStage, 'day')}`,
  });

  const total = factors.reduce((sum, f) => sum + f.effect, BASE_SCORE);
  const score = clamp(total, 0, facts.neglected ? HEALTHY_FROM - 1 : 100);
  return { score, factors };
}
