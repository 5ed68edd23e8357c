import { Type, type Static } from 'typebox';
import type { ClosedDeal } from '../../core/deals/flows/close-deal.ts';
import type { DealOutcome } from '../../core/deals/types.ts';
import { Nullable } from '../shared.ts';
import { DealView, presentDeal } from './deal.ts';

const outcomeFields = {
  id: Type.String(),
  outcome: Type.Union([Type.Literal('won'), Type.Literal('lost'), Type.Literal('paused')]),
  reason: Nullable(Type.String()),
  lesson: Nullable(Type.String()),
  lessonHabits: Type.Array(Type.String(), { description: 'Habit ids the lesson is about' }),
  reEngageOn: Nullable(Type.String()),
  decidedBy: Type.String(),
  decidedAt: Type.String(),
};

/** One time a deal was won, lost or paused. */
export const DealOutcomeView = Type.Object(outcomeFields, { $id: 'DealOutcome' });

/** A deal won, lost or paused, with the outcome recorded (its reason and lesson). */
export const ClosedDealView = Type.Object(
  {
    deal: Type.Object(DealView.properties),
    outcome: Type.Object(outcomeFields),
  },
  { $id: 'ClosedDeal' },
);

export function presentDealOutcome(o: DealOutcome): Static<typeof DealOutcomeView> {
  return {
    id: o.id,
    outcome: o.outcome,
    reason: o.reason,
    lesson: o.lesson,
    lessonHabits: o.lessonHabits,
    reEngageOn: o.reEngageOn,
    decidedBy: o.decidedBy,
    decidedAt: o.decidedAt,
  };
}

export function presentClosedDeal(c: ClosedDeal): Static<typeof ClosedDealView> {
  return { deal: presentDeal(c.deal), outcome: presentDealOutcome(c.outcome) };
}
