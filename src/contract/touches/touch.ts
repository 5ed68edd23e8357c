import { Type, type Static } from 'typebox';
import { TOUCH_KINDS, type Touch } from '../../core/touches/types.ts';
import { LiteralUnion, Nullable } from '../shared.ts';

/** Exactly the fields of a touch that leave the API. */
export const TouchView = Type.Object(
  {
    id: Type.String(),
    dealId: Type.String(),
    memberId: Type.String(),
    kind: LiteralUnion(TOUCH_KINDS),
    at: Type.String(),
    text: Nullable(Type.String()),
    commitmentId: Nullable(Type.String()),
    callId: Nullable(Type.String()),
    createdAt: Type.String(),
  },
  { $id: 'Touch' },
);

export function presentTouch(t: Touch): Static<typeof TouchView> {
  return {
    id: t.id,
    dealId: t.dealId,
    memberId: t.memberId,
    kind: t.kind,
    at: t.at,
    text: t.text,
    commitmentId: t.commitmentId,
    callId: t.callId,
    createdAt: t.createdAt,
  };
}
