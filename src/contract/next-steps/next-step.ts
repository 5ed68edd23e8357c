import { Type, type Static } from 'typebox';
import type { NextStep } from '../../core/next-steps/types.ts';
import { DateText, Nullable } from '../shared.ts';

export const NextStepView = Type.Object(
  {
    id: Type.String(),
    dealId: Type.String(),
    text: Type.String(),
    due: DateText,
    time: Nullable(Type.String()),
    state: Type.Union([
      Type.Literal('open'),
      Type.Literal('done'),
      Type.Literal('replaced'),
      Type.Literal('dropped'),
    ]),
    callId: Nullable(Type.String()),
    createdAt: Type.String(),
    version: Type.Integer(),
  },
  { $id: 'NextStep' },
);

export function presentNextStep(s: NextStep): Static<typeof NextStepView> {
  return {
    id: s.id,
    dealId: s.dealId,
    text: s.text,
    due: s.due,
    time: s.dueTime,
    state: s.state,
    callId: s.callId,
    createdAt: s.createdAt,
    version: s.version,
  };
}
