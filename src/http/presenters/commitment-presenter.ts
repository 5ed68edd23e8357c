import { Type } from 'typebox';
import type { Commitment } from '../../core/commitments/types.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) =>
  Type.Union([t, Type.Null()]);

/** Exactly the fields of a commitment that leave the API. */
export const CommitmentView = Type.Object(
  {
    id: Type.String(),
    dealId: Type.String(),
    ownerId: Type.String(),
    side: Type.Union([Type.Literal('ours'), Type.Literal('theirs')]),
    text: Type.String(),
    due: Nullable(Type.String()),
    dueTime: Nullable(Type.String()),
    madeOn: Type.String(),
    lead: Nullable(Type.Integer()),
    target: Nullable(Type.String()),
    state: Type.Union([Type.Literal('open'), Type.Literal('done'), Type.Literal('dropped')]),
    doneAt: Nullable(Type.String()),
    classification: Nullable(
      Type.Union([Type.Literal('early'), Type.Literal('on-time'), Type.Literal('late')]),
    ),
    droppedReason: Nullable(Type.String()),
    snoozedUntil: Nullable(Type.String()),
    snoozeReason: Nullable(Type.String()),
    sentence: Nullable(Type.String()),
    callId: Nullable(Type.String()),
    createdAt: Type.String(),
    version: Type.Integer(),
  },
  { $id: 'Commitment' },
);

export function presentCommitment(c: Commitment) {
  return {
    id: c.id,
    dealId: c.dealId,
    ownerId: c.ownerId,
    side: c.side,
    text: c.text,
    due: c.due,
    dueTime: c.dueTime,
    madeOn: c.madeOn,
    lead: c.leadDays,
    target: c.target,
    state: c.state,
    doneAt: c.doneAt,
    classification: c.classification,
    droppedReason: c.droppedReason,
    snoozedUntil: c.snoozedUntil,
    snoozeReason: c.snoozeReason,
    sentence: c.sourceSentence,
    callId: c.callId,
    createdAt: c.createdAt,
    version: c.version,
  };
}
