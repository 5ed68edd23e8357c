import { Type, type Static } from 'typebox';
import type { DealHealth } from '../../core/momentum/deal-momentum.ts';
import { DateText, Nullable } from '../shared.ts';

export const DealHealthView = Type.Object(
  {
    dealId: Type.String(),
    date: DateText,
    neglect: Type.Object({
      neglected: Type.Boolean(),
      reasons: Type.Array(
        Type.Union([
          Type.Literal('no-touch'),
          Type.Literal('no-next-step'),
          Type.Literal('overdue-ours'),
          Type.Literal('unchased-theirs'),
        ]),
      ),
      details: Type.Array(Type.String()),
    }),
    momentum: Type.Object({
      score: Nullable(Type.Integer({ minimum: 0, maximum: 100 })),
      factors: Type.Array(
        Type.Object({
          name: Type.String(),
          value: Nullable(Type.Number()),
          effect: Type.Integer(),
          detail: Type.String(),
        }),
      ),
      trend: Type.Array(Type.Object({ date: DateText, score: Type.Integer() })),
    }),
  },
  { $id: 'DealHealth' },
);

export function presentDealHealth(h: DealHealth): Static<typeof DealHealthView> {
  return {
    dealId: h.dealId,
    date: h.date,
    neglect: h.neglect,
    momentum: h.momentum,
  };
}
