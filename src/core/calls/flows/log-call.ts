import { recordAudit } from '../../audit/record.ts';
import { publishEvent, type EventOutbox } from '../../webhooks/ports.ts';
import {
  insertCommitment,
  type CommitmentDeps,
} from '../../commitments/flows/manage-commitments.ts';
import type { Commitment } from '../../commitments/types.ts';
import { replaceNextStep, type NextStepDeps } from '../../next-steps/flows/set-next-step.ts';
import type { NextStep } from '../../next-steps/types.ts';
import { parsePlanDocument } from '../../plans/document.ts';
import { applyMilestoneUpdates, type MilestoneUpdate } from '../../plans/milestone-updates.ts';
import type { PlanRepository } from '../../plans/ports.ts';
import { insertPlanRevision, type SavedPlan } from '../../plans/flows/revise-plan.ts';
import type { HabitRepository } from '../../playbook/ports.ts';
import type { WriteDeps } from '../../kernel/deps.ts';
import { toStoredInstant } from '../../time/dates.ts';
import { invalid } from '../../kernel/errors.ts';
import { recordTouch, type RecordTouchDeps } from '../../touches/record-touch.ts';
import type { Touch } from '../../touches/types.ts';
import type { Actor } from '../../workspaces/types.ts';
import {
  resolveCallSetting,
  type CallSettingDeps,
  type CallSettingInput,
} from '../call-setting.ts';
import type { CallRepository } from '../ports.ts';
import type { Call } from '../types.ts';
import { buildChecklist, parseCallOutcome, parseLesson, parseNotes } from '../validation.ts';

export type LogCallDeps = WriteDeps &
  CallSettingDeps &
  CommitmentDeps &
  RecordTouchDeps &
  NextStepDeps & {
    calls: CallRepository;
    habits: Pick<HabitRepository, 'list'>;
    plans: PlanRepository;
    events?: EventOutbox;
  };

/** A promise as confirmed (or edited) by the person logging the call. */
export interface ConfirmedCommitment {
  side: string;
  text: string;
  due?: string | null;
  dueTime?: string | null;
  /** The sentence of the notes it came from. */
  sentence?: string | null;
  lead?: number | null;
}

export interface LogCallInput extends CallSettingInput {
  notes?: string | null;
  /** Habit (number, key or id) → done / partly / no. */
  habits?: Readonly<Record<string, string>>;
  outcome?: string | null;
  reason?: string | null;
  lesson?: string | null;
  lessonHabits?: readonly (string | number)[];
  commitments?: readonly ConfirmedCommitment[];
  nextStep?: { text: string; date: string; time?: string | null } | null;
  /** Milestones the call moved (or added); the plan gets a revision tied to the call. */
  milestones?: readonly MilestoneUpdate[];
  /** Or a whole new plan document, on a base revision. */
  plan?: { document: unknown; base?: number | null } | null;
}

export interface LoggedCall {
  call: Call;
  commitments: Commitment[];
  nextStep: NextStep | null;
  plan: SavedPlan | null;
  touch: Touch;
}

export const MAX_CALL_COMMITMENTS = 50;

/**
 * Saves a call and everything it produced in one transaction: the call with its attendees,
 * checklist, outcome and lesson; the confirmed promises; the next step; a plan revision tied to
 * the call; and the touch the call counts as. Either all of it is saved or none of it.
 */
export async function logCall(
  deps: LogCallDeps,
  actor: Actor,
  input: LogCallInput,
): Promise<LoggedCall> {
  const notes = parseNotes(input.notes);
  const { outcome, reason } = parseCallOutcome(input.outcome, input.reason);
  const confirmed = input.commitments ?? [];
  if (confirmed.length > MAX_CALL_COMMITMENTS)
    throw invalid(`At most ${MAX_CALL_COMMITMENTS} promises per call.`);
  if (input.plan && input.milestones?.length)
    throw invalid('Send either milestone changes or a whole plan, not both.');
  if (input.nextStep && !input.nextStep.date)
    throw invalid('The next step needs a date (YYYY-MM-DD): a step with no date is not booked.');

  return deps.runner.transaction(async (tx) => {
    const setting = await resolveCallSetting(deps, tx, actor, input);
    const { deal } = setting;
    const habits = await deps.habits.list(tx, deal.workspaceId);
    const checklist = buildChecklist(habits, input.habits);
    const lesson = parseLesson(habits, input.lesson, input.lessonHabits);
    const call: Call = {
      id: deps.ids('call'),
      workspaceId: deal.workspaceId,
      dealId: deal.id,
      loggedBy: setting.logger.id,
      startedAt: toStoredInstant(setting.startedAt),
      timeZone: setting.timeZone,
      notes,
      outcome,
      reason,
      lesson: lesson.lesson,
      lessonHabits: lesson.habitIds,
      attendees: setting.attendees,
      habits: checklist,
      createdAt: toStoredInstant(deps.clock.now()),
      version: 1,
    };
    await deps.calls.insert(tx, call);
    await recordAudit(deps, tx, {
      workspaceId: deal.workspaceId,
      actor,
      action: 'call.create',
      entity: 'call',
      entityId: call.id,
      after: { ...call, notes: `${notes.length} characters` },
    });

    // The touch comes before the new next step, so that a next step booked for the day of the
    // call (this call, most likely) counts as done rather than replaced.
    const touch = await recordTouch(deps, tx, {
      workspaceId: deal.workspaceId,
      dealId: deal.id,
      memberId: setting.logger.id,
      kind: 'call',
      at: call.startedAt,
      text: outcome ? `call (${outcome})` : 'call',
      callId: call.id,
      actorId: actor.memberId,
      credentialId: actor.credentialId ?? null,
    });

    const commitments: Commitment[] = [];
    for (const c of confirmed) {
      commitments.push(
        await insertCommitment(deps, tx, actor, deal, {
          side: c.side,
          text: c.text,
          due: c.due ?? null,
          dueTime: c.dueTime ?? null,
          lead: c.lead ?? null,
          madeOn: setting.ownerLocal.date,
          sourceSentence: c.sentence ?? null,
          callId: call.id,
        }),
      );
    }

    const nextStep = input.nextStep
      ? await replaceNextStep(deps, tx, actor, deal, {
          text: input.nextStep.text,
          at: input.nextStep.time
            ? `${input.nextStep.date}T${input.nextStep.time}`
            : input.nextStep.date,
          callId: call.id,
        })
      : null;

    let plan: SavedPlan | null = null;
    if (input.plan || input.milestones?.length) {
      const latest = await deps.plans.latest(tx, deal.id);
      const document = input.plan
        ? parsePlanDocument(input.plan.document, latest?.document ?? null)
        : applyMilestoneUpdates(latest?.document ?? null, input.milestones!);
      plan = await insertPlanRevision(deps, tx, actor, deal, {
        document,
        base: input.plan?.base ?? null,
        callId: call.id,
      });
    }
    await publishEvent(deps, tx, {
      workspaceId: deal.workspaceId,
      type: 'call.logged',
      key: `call.logged:${call.id}`,
      data: {
        callId: call.id,
        dealId: deal.id,
        loggedBy: call.loggedBy,
        startedAt: call.startedAt,
        outcome: call.outcome,
        commitmentIds: commitments.map((c) => c.id),
        nextStep: nextStep ? { id: nextStep.id } : null,
      },
    });
    return { call, commitments, nextStep, plan, touch };
  });
}
