import { Type, type Static } from 'typebox';
import type { Deal } from '../../core/deals/types.ts';
import { Nullable } from '../shared.ts';

/** Exactly the fields of a deal that leave the API; money goes out in major units. */
export const DealView = Type.Object(
  {
    id: Type.String(),
    accountId: Type.String(),
    ownerId: Type.String(),
    title: Type.String(),
    stageId: Type.String(),
    amount: Nullable(Type.Number()),
    currency: Type.String(),
    expectedClose: Nullable(Type.String()),
    status: Type.Union([
      Type.Literal('open'),
      Type.Literal('won'),
      Type.Literal('lost'),
      Type.Literal('paused'),
    ]),
    reEngageOn: Nullable(Type.String()),
    closeReason: Nullable(Type.String()),
    lastTouchAt: Nullable(Type.String()),
    createdAt: Type.String(),
    updatedAt: Type.String(),
    version: Type.Integer(),
  },
  { $id: 'Deal' },
);

export function presentDeal(d: Deal): Static<typeof DealView> {
  return {
    id: d.id,
    accountId: d.accountId,
    ownerId: d.ownerId,
    title: d.title,
    stageId: d.stageId,
    amount: d.amountMinor === null ? null : d.amountMinor / 100,
    currency: d.currency,
    expectedClose: d.expectedClose,
    status: d.status,
    reEngageOn: d.reEngageOn,
    closeReason: d.closeReason,
    lastTouchAt: d.lastTouchAt,
    createdAt: d.createdAt,
    updatedAt: d.updatedAt,
    version: d.version,
  };
}

/** A deal as the list and board show it: its fields plus today's momentum and neglect (null
 * and false for deals that are not open). */
export const DealListItemView = Type.Object(
  {
    ...DealView.properties,
    momentum: Nullable(Type.Integer({ minimum: 0, maximum: 100 })),
    neglected: Type.Boolean(),
    neglectReasons: Type.Array(Type.String()),
  },
  { $id: 'DealListItem' },
);

export function presentDealListItem(
  d: Deal,
  health: { momentum: number; neglected: boolean; reasons: readonly string[] } | undefined,
): Static<typeof DealListItemView> {
  return {
    ...presentDeal(d),
    momentum: health?.momentum ?? null,
    neglected: health?.neglected ?? false,
    neglectReasons: health ? [...health.reasons] : [],
  };
}
