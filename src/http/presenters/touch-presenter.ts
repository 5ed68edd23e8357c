import { Type } from 'typebox';
import { TOUCH_KINDS, type Touch } from '../../core/touches/types.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) =>
  Type.Union([t, Type.Null()]);

/** Exactly the fields of a touch that leave the API. */
export const TouchView = Type.Object(
  {
    id: Type.String(),
    dealId: Type.String(),
    memberId: Type.String(),
    kind: Type.Union(TOUCH_KINDS.map((k) => Type.Literal(k))),
    at: Type.String(),
    text: Nullable(Type.String()),
    commitmentId: Nullable(Type.String()),
    callId: Nullable(Type.String()),
    createdAt: Type.String(),
  },
  { $id: 'Touch' },
);

export function presentTouch(t: Touch) {
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
