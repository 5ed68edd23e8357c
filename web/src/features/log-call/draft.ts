import type {
  CallPreview,
  HabitState,
  Milestone,
  Outcome,
  PoorReason,
  ProposedCommitment,
  Side,
  SuggestedAttendee,
} from '../../api/types.ts';

/*
 * The call being logged, as one value changed only by `draftReducer`: pure, so that what each
 * edit does to the draft (a fresh reading of the notes keeping what the person edited, the next
 * step proposed only until it is touched, a new deal forgetting the plan moves of the last) is
 * tested without a browser (test/web/call-draft.test.ts).
 */

/** A proposed promise as the person edits it; `edited` rows survive a new reading of the notes. */
export interface Proposal {
  key: string;
  include: boolean;
  side: Side;
  text: string;
  due: string;
  dueTime: string | null;
  target: string | null;
  sentence: string | null;
  edited: boolean;
}

/** A change to the deal's plan: an existing milestone's (with `id`) or a new one (without). */
export interface MilestoneChange {
  id?: string;
  title?: string;
  side?: Side;
  date?: string | null;
  state?: Milestone['state'];
}

export interface NextStepDraft {
  text: string;
  date: string;
  time: string;
  /** Set once the person types in it: a later reading of the notes no longer replaces it. */
  edited: boolean;
}

export interface CallDraft {
  dealId: string;
  at: string;
  ours: string;
  theirs: string;
  notes: string;
  proposals: Proposal[];
  nextStep: NextStepDraft;
  checks: Record<string, HabitState>;
  outcome: Outcome | '';
  reason: PoorReason | '';
  lesson: string;
  lessonHabits: string[];
  milestones: MilestoneChange[];
  /** The last reading of the notes: which notes, and how many promises it found. */
  read: { notes: string; count: number } | null;
  suggested: SuggestedAttendee[];
  /** The last key handed to a proposal (keys stay unique within the draft). */
  seq: number;
}

export type TextField = 'at' | 'ours' | 'theirs' | 'notes' | 'lesson';

export type DraftAction =
  | { type: 'deal'; dealId: string }
  | { type: 'text'; field: TextField; value: string }
  | { type: 'read'; notes: string; preview: CallPreview }
  | { type: 'proposal'; key: string; patch: Partial<Omit<Proposal, 'key'>> }
  | { type: 'remove-proposal'; key: string }
  | { type: 'add-proposal' }
  | { type: 'next-step'; patch: Partial<Omit<NextStepDraft, 'edited'>> }
  | { type: 'habit'; habitId: string; state: HabitState }
  | { type: 'outcome'; outcome: Outcome }
  | { type: 'reason'; reason: PoorReason | '' }
  | { type: 'lesson-habits'; habitIds: string[] }
  | { type: 'milestone'; id: string; patch: Omit<MilestoneChange, 'id'> }
  | { type: 'add-milestone' }
  | { type: 'new-milestone'; index: number; patch: Omit<MilestoneChange, 'id'> }
  | { type: 'remove-new-milestone'; index: number }
  | { type: 'attend'; suggestion: SuggestedAttendee }
  | { type: 'contact-saved'; asked: string; name: string };

export function initialDraft({ dealId, at }: { dealId: string; at: string }): CallDraft {
  return {
    dealId,
    at,
    ours: '',
    theirs: '',
    notes: '',
    proposals: [],
    nextStep: { text: '', date: '', time: '', edited: false },
    checks: {},
    outcome: '',
    reason: '',
    lesson: '',
    lessonHabits: [],
    milestones: [],
    read: null,
    suggested: [],
    seq: 0,
  };
}

function fromExtraction(p: ProposedCommitment, key: string): Proposal {
  return {
    key,
    include: true,
    side: p.side,
    text: p.text,
    due: p.due ?? '',
    dueTime: p.dueTime,
    target: p.target,
    sentence: p.sentence,
    edited: false,
  };
}

/** A fresh reading of the notes replaces untouched proposals and keeps what the person edited
 * or added by hand; an unchanged proposal keeps its key and whether it is kept. */
export function mergeProposals(
  current: Proposal[],
  extracted: ProposedCommitment[],
  seq: number,
): { proposals: Proposal[]; seq: number } {
  const kept = current.filter((p) => p.edited || p.sentence === null);
  const keptSentences = new Set(kept.map((p) => `${p.sentence}|${p.side}`));
  const byIdentity = new Map(current.map((p) => [`${p.sentence}|${p.side}|${p.text}`, p]));
  let next = seq;
  const fresh = extracted
    .filter((p) => !keptSentences.has(`${p.sentence}|${p.side}`))
    .map((p) => {
      const same = byIdentity.get(`${p.sentence}|${p.side}|${p.text}`);
      return same && !same.edited
        ? { ...fromExtraction(p, same.key), include: same.include }
        : fromExtraction(p, `p${++next}`);
    });
  const order = new Map(extracted.map((p, i) => [p.sentence, i]));
  const proposals = [...fresh, ...kept].sort(
    (a, b) => (order.get(a.sentence ?? '') ?? 1e9) - (order.get(b.sentence ?? '') ?? 1e9),
  );
  return { proposals, seq: next };
}

/** `name` appended to a comma-separated list of names. */
export function appendName(list: string, name: string): string {
  return list.trim() ? `${list.trim().replace(/,$/, '')}, ${name}` : name;
}

function names(list: string): string[] {
  return list
    .split(',')
    .map((n) => n.trim())
    .filter(Boolean);
}

export function draftReducer(draft: CallDraft, action: DraftAction): CallDraft {
  switch (action.type) {
    case 'deal':
      // The plan moves belong to the deal they were made on.
      return action.dealId === draft.dealId
        ? draft
        : { ...draft, dealId: action.dealId, milestones: [] };
    case 'text':
      return { ...draft, [action.field]: action.value };
    case 'read': {
      const { commitments, nextStep, suggestedAttendees } = action.preview;
      const merged = mergeProposals(draft.proposals, commitments, draft.seq);
      return {
        ...draft,
        ...merged,
        read: { notes: action.notes, count: commitments.length },
        suggested: suggestedAttendees ?? [],
        nextStep:
          nextStep && !draft.nextStep.edited
            ? {
                text: nextStep.text,
                date: nextStep.date ?? '',
                time: nextStep.time ?? '',
                edited: false,
              }
            : draft.nextStep,
      };
    }
    case 'proposal':
      return {
        ...draft,
        proposals: draft.proposals.map((p) =>
          p.key === action.key ? { ...p, ...action.patch } : p,
        ),
      };
    case 'remove-proposal':
      return { ...draft, proposals: draft.proposals.filter((p) => p.key !== action.key) };
    case 'add-proposal': {
      const seq = draft.seq + 1;
      return {
        ...draft,
        seq,
        proposals: [
          ...draft.proposals,
          {
            key: `p${seq}`,
            include: true,
            side: 'ours',
            text: '',
            due: '',
            dueTime: null,
            target: null,
            sentence: null,
            edited: true,
          },
        ],
      };
    }
    case 'next-step':
      return { ...draft, nextStep: { ...draft.nextStep, ...action.patch, edited: true } };
    case 'habit':
      return { ...draft, checks: { ...draft.checks, [action.habitId]: action.state } };
    case 'outcome':
      // Choosing the chosen outcome again clears it: a call need not have one.
      return { ...draft, outcome: draft.outcome === action.outcome ? '' : action.outcome };
    case 'reason':
      return { ...draft, reason: action.reason };
    case 'lesson-habits':
      return { ...draft, lessonHabits: action.habitIds };
    case 'milestone': {
      const rest = draft.milestones.filter((c) => c.id !== action.id);
      const before = draft.milestones.find((c) => c.id === action.id);
      return { ...draft, milestones: [...rest, { ...before, ...action.patch, id: action.id }] };
    }
    case 'add-milestone':
      return {
        ...draft,
        milestones: [...draft.milestones, { title: '', side: 'theirs', date: null }],
      };
    case 'new-milestone': {
      const target = addedMilestones(draft)[action.index];
      return {
        ...draft,
        milestones: draft.milestones.map((c) => (c === target ? { ...c, ...action.patch } : c)),
      };
    }
    case 'remove-new-milestone': {
      const target = addedMilestones(draft)[action.index];
      return { ...draft, milestones: draft.milestones.filter((c) => c !== target) };
    }
    case 'attend':
      return {
        ...draft,
        theirs: appendName(draft.theirs, action.suggestion.name),
        suggested: draft.suggested.filter((s) => s !== action.suggestion),
      };
    case 'contact-saved':
      return {
        ...draft,
        theirs: appendName(draft.theirs, action.name),
        suggested: draft.suggested.filter((s) => s.name !== action.asked),
      };
  }
}

/** The milestones added on this call (not yet in the plan), in the order they were added. */
export function addedMilestones(draft: CallDraft): MilestoneChange[] {
  return draft.milestones.filter((c) => !c.id);
}

/** Who was on the call, from the two comma-separated lists. */
export function attendeesOf(draft: Pick<CallDraft, 'ours' | 'theirs'>) {
  return [
    ...names(draft.ours).map((name) => ({ name, side: 'ours' as const })),
    ...names(draft.theirs).map((name) => ({ name, side: 'theirs' as const })),
  ];
}

/** The proposals that are saved as promises: kept and with some text. */
export function keptProposals(draft: CallDraft): Proposal[] {
  return draft.proposals.filter((p) => p.include && p.text.trim());
}

/** The body of `POST /api/v1/calls` for the draft. */
export function callRequest(draft: CallDraft) {
  const attendees = attendeesOf(draft);
  const milestoneUpdates = draft.milestones.filter((m) => m.id || m.title?.trim());
  const { nextStep, outcome, reason, lesson } = draft;
  return {
    dealId: draft.dealId,
    at: draft.at,
    notes: draft.notes,
    ...(attendees.length ? { attendees } : {}),
    ...(Object.keys(draft.checks).length ? { habits: { ...draft.checks } } : {}),
    ...(outcome ? { outcome } : {}),
    ...(reason && outcome !== 'advanced' ? { reason } : {}),
    ...(lesson.trim() ? { lesson, lessonHabits: draft.lessonHabits } : {}),
    commitments: keptProposals(draft).map((p) => ({
      side: p.side,
      text: p.text.trim(),
      due: p.due || null,
      ...(p.dueTime && p.due ? { dueTime: p.dueTime } : {}),
      ...(p.sentence ? { sentence: p.sentence } : {}),
    })),
    ...(nextStep.text.trim() && nextStep.date
      ? {
          nextStep: {
            text: nextStep.text.trim(),
            date: nextStep.date,
            time: nextStep.time || null,
          },
        }
      : {}),
    ...(milestoneUpdates.length ? { milestones: milestoneUpdates } : {}),
  };
}
