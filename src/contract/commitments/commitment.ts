import { Type, type Static } from 'typebox';
import type { Commitment, Renegotiation } from '../../core/commitments/types.ts';
import { Nullable } from '../shared.ts';

const RenegotiationView = Type.Object({
  previousDue: Type.String({ description: 'The due date before this renegotiation' }),
  previousDueTime: Nullable(Type.String()),
  due: Nullable(Type.String({ description: 'The due date agreed' })),
  dueTime: Nullable(Type.String()),
  reason: Nullable(Type.String()),
  by: Type.String({ description: 'Member who recorded it' }),
  at: Type.String(),
});

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
    renegotiations: Type.Optional(
      Type.Array(RenegotiationView, {
        description:
          'Each time its due date was renegotiated, oldest first (on reads of promises and on edits)',
      }),
    ),
  },
  { $id: 'Commitment' },
);

function presentRenegotiation(r: Renegotiation): Static<typeof RenegotiationView> {
  return {
    previousDue: r.previousDue,
    previousDueTime: r.previousDueTime,
    due: r.due,
    dueTime: r.dueTime,
    reason: r.reason,
    by: r.renegotiatedBy,
    at: r.renegotiatedAt,
  };
}

export function presentCommitment(
  c: Commitment & { renegotiations?: Renegotiation[] },
): Static<typeof CommitmentView> {
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
    ...(c.renegotiations && { renegotiations: c.renegotiations.map(presentRenegotiation) }),
  };
}
