import { Type, type Static } from 'typebox';
import { POOR_OUTCOME_REASONS } from '../../core/calls/types.ts';
import type { Insights } from '../../core/insights/types.ts';
import { NEGLECT_REASONS } from '../../core/neglect/assess-neglect.ts';
import { Nullable } from '../shared.ts';

const Count = Type.Integer({ minimum: 0 });
const Share = Type.Number({ minimum: 0, maximum: 1 });
const countsOf = (keys: readonly string[]) =>
  Type.Object(Object.fromEntries(keys.map((k) => [k, Count])));
const WinRecord = Type.Object({ won: Count, lost: Count, winRate: Nullable(Share) });

export const InsightsView = Type.Object(
  {
    from: Type.String(),
    to: Type.String(),
    members: Type.Array(
      Type.Object({ id: Type.String(), name: Type.String(), email: Type.String() }),
    ),
    promiseKeeping: Type.Array(
      Type.Object({
        memberId: Type.String(),
        week: Type.String({ description: 'ISO week, e.g. 2026-W48' }),
        early: Count,
        onTime: Count,
        late: Count,
        total: Count,
        earlyShare: Share,
        onTimeShare: Share,
        lateShare: Share,
      }),
    ),
    march: Type.Object({
      days: Type.Array(
        Type.Object({
          memberId: Type.String(),
          date: Type.String(),
          touches: Count,
          floor: Count,
          ceiling: Count,
          businessDay: Type.Boolean(),
          band: Nullable(
            Type.Union([
              Type.Literal('stall'),
              Type.Literal('on'),
              Type.Literal('rush'),
              Type.Literal('open'),
            ]),
          ),
        }),
      ),
      summary: Type.Array(
        Type.Object({
          memberId: Type.String(),
          businessDays: Count,
          on: Count,
          stall: Count,
          rush: Count,
          touches: Count,
        }),
      ),
    }),
    habits: Type.Array(
      Type.Object({
        habitId: Type.String(),
        position: Type.Integer(),
        key: Type.String(),
        name: Type.String(),
        calls: countsOf(['done', 'partly', 'no']),
        practiced: WinRecord,
        notPracticed: WinRecord,
      }),
    ),
    outcomes: Type.Object({
      calls: countsOf(['advanced', 'no-change', 'setback', 'unrecorded']),
      callReasons: countsOf(POOR_OUTCOME_REASONS),
      deals: countsOf(['won', 'lost', 'paused']),
      lossReasons: countsOf([...POOR_OUTCOME_REASONS, 'unspecified']),
      pauseReasons: countsOf([...POOR_OUTCOME_REASONS, 'unspecified']),
    }),
    lessons: Type.Array(
      Type.Object({
        source: Type.Union([
          Type.Literal('call'),
          Type.Literal('won'),
          Type.Literal('lost'),
          Type.Literal('paused'),
        ]),
        at: Type.String(),
        dealId: Type.String(),
        dealTitle: Type.String(),
        memberId: Type.String(),
        callId: Nullable(Type.String()),
        text: Type.String(),
        habits: Type.Array(Type.String()),
      }),
    ),
    neglect: Type.Array(
      Type.Object({
        week: Type.String(),
        asOf: Type.String(),
        open: Count,
        neglected: Count,
        reasons: countsOf(NEGLECT_REASONS),
      }),
    ),
    momentum: Type.Array(
      Type.Object({ week: Type.String(), average: Type.Number(), deals: Count }),
    ),
  },
  { $id: 'Insights' },
);

/** Insights are already made of plain figures; this is where a field would be held back. */
export function presentInsights(i: Insights): Static<typeof InsightsView> {
  return {
    from: i.from,
    to: i.to,
    members: i.members,
    promiseKeeping: i.promiseKeeping,
    march: i.march,
    habits: i.habits,
    outcomes: i.outcomes,
    lessons: i.lessons,
    neglect: i.neglect,
    momentum: i.momentum,
  };
}
