import { Type, type Static } from 'typebox';
import type { CallPreview } from '../../core/calls/preview-call.ts';
import type { LoggedCall } from '../../core/calls/flows/log-call.ts';
import type { Call } from '../../core/calls/types.ts';
import { CommitmentView, presentCommitment } from '../commitments/commitment.ts';
import { SavedPlanView, presentSavedPlan } from '../plans/plan.ts';
import { NextStepView, presentNextStep } from '../next-steps/next-step.ts';
import { Nullable } from '../shared.ts';

const Side = Type.Union([Type.Literal('ours'), Type.Literal('theirs')]);

const AttendeeView = Type.Object({
  name: Type.String(),
  side: Side,
  memberId: Nullable(Type.String()),
  contactId: Nullable(Type.String()),
});

/** Exactly the fields of a call that leave the API. */
export const CallView = Type.Object(
  {
    id: Type.String(),
    dealId: Type.String(),
    loggedBy: Type.String(),
    startedAt: Type.String(),
    timeZone: Type.String(),
    notes: Type.String(),
    outcome: Nullable(
      Type.Union([Type.Literal('advanced'), Type.Literal('no-change'), Type.Literal('setback')]),
    ),
    reason: Nullable(Type.String()),
    lesson: Nullable(Type.String()),
    lessonHabits: Type.Array(Type.String(), { description: 'Habit ids the lesson is about' }),
    attendees: Type.Array(AttendeeView),
    habits: Type.Array(
      Type.Object({
        habitId: Type.String(),
        state: Type.Union([Type.Literal('done'), Type.Literal('partly'), Type.Literal('no')]),
      }),
    ),
    createdAt: Type.String(),
    version: Type.Integer(),
  },
  { $id: 'Call' },
);

const ProposalView = Type.Object({
  side: Side,
  text: Type.String(),
  due: Nullable(Type.String()),
  dueTime: Nullable(Type.String()),
  target: Nullable(Type.String()),
  sentence: Type.String(),
  confidence: Type.Number(),
});

export const CallPreviewView = Type.Object(
  {
    dealId: Type.String(),
    startedAt: Type.String(),
    timeZone: Type.String(),
    local: Type.Object({ date: Type.String(), time: Type.String() }),
    attendees: Type.Array(AttendeeView),
    commitments: Type.Array(ProposalView),
    nextStep: Nullable(
      Type.Object({
        text: Type.String(),
        date: Nullable(Type.String()),
        time: Nullable(Type.String()),
      }),
    ),
    suggestedAttendees: Type.Array(
      Type.Object({
        name: Type.String(),
        contactId: Nullable(Type.String()),
        mentions: Type.Integer(),
      }),
      {
        description:
          'People the notes name who are not attendees yet: contacts of the deal’s account (contactId), then new names',
      },
    ),
  },
  { $id: 'CallPreview' },
);

// Nested views are rebuilt from their properties, without their $id: an id may appear once.
export const LoggedCallView = Type.Object(
  {
    call: Type.Object(CallView.properties),
    commitments: Type.Array(Type.Object(CommitmentView.properties)),
    nextStep: Nullable(Type.Object(NextStepView.properties)),
    plan: Nullable(SavedPlanView),
    touchId: Type.String(),
  },
  { $id: 'LoggedCall' },
);

export function presentCall(c: Call): Static<typeof CallView> {
  return {
    id: c.id,
    dealId: c.dealId,
    loggedBy: c.loggedBy,
    startedAt: c.startedAt,
    timeZone: c.timeZone,
    notes: c.notes,
    outcome: c.outcome,
    reason: c.reason,
    lesson: c.lesson,
    lessonHabits: c.lessonHabits,
    attendees: c.attendees,
    habits: c.habits,
    createdAt: c.createdAt,
    version: c.version,
  };
}

export function presentPreview(p: CallPreview): Static<typeof CallPreviewView> {
  return {
    dealId: p.setting.deal.id,
    startedAt: p.setting.startedAt.toString({ smallestUnit: 'millisecond' }),
    timeZone: p.setting.timeZone,
    local: p.setting.local,
    attendees: p.setting.attendees,
    commitments: p.proposals.commitments,
    nextStep: p.proposals.nextStep,
    suggestedAttendees: p.suggestedAttendees,
  };
}

export function presentLoggedCall(l: LoggedCall): Static<typeof LoggedCallView> {
  return {
    call: presentCall(l.call),
    commitments: l.commitments.map(presentCommitment),
    nextStep: l.nextStep ? presentNextStep(l.nextStep) : null,
    plan: l.plan ? presentSavedPlan(l.plan) : null,
    touchId: l.touch.id,
  };
}
