import { Temporal } from 'temporal-polyfill';
import type { Milestone, PlanDocument } from './document.ts';

export const MILESTONE_CHANGE_KINDS = [
  'added',
  'removed',
  'completed',
  'dropped',
  'reopened',
  'advanced',
  'slipped',
  'scheduled',
  'unscheduled',
  'renamed',
  'reassigned',
] as const;
/**
 * - added / removed: the milestone appears in only one of the two plans
 * - completed / dropped / reopened: its state changed to done / dropped / open
 * - advanced / slipped: still open, its date moved earlier / later
 * - scheduled / unscheduled: still open, it gained / lost a date
 * - renamed / reassigned: its title / its side changed
 */
export type MilestoneChangeKind = (typeof MILESTONE_CHANGE_KINDS)[number];

export interface MilestoneChange {
  kind: MilestoneChangeKind;
  id: string;
  /** The milestone's title in the later plan (the earlier one when removed). */
  title: string;
  /** What changed, before and after: a date, a state, a title or a side. */
  from: string | null;
  to: string | null;
  /** Calendar days moved, for advanced (negative) and slipped (positive). */
  days: number | null;
}

export const PLAN_FIELDS = ['objective', 'decisionProcess', 'people', 'risks'] as const;
export type PlanField = (typeof PLAN_FIELDS)[number];

export interface FieldChange {
  field: PlanField;
  before: PlanDocument[PlanField];
  after: PlanDocument[PlanField];
}

export interface PlanDiff {
  milestones: MilestoneChange[];
  fields: FieldChange[];
  counts: Record<MilestoneChangeKind, number>;
}

function daysBetween(from: string, to: string): number {
  return Temporal.PlainDate.from(from).until(Temporal.PlainDate.from(to), { largestUnit: 'days' })
    .days;
}

function changesOf(before: Milestone, after: Milestone): MilestoneChange[] {
  const out: MilestoneChange[] = [];
  const change = (
    kind: MilestoneChangeKind,
    from: string | null,
    to: string | null,
    days: number | null = null,
  ) => out.push({ kind, id: after.id, title: after.title, from, to, days });

  if (before.state !== after.state) {
    const kind =
      after.state === 'done' ? 'completed' : after.state === 'dropped' ? 'dropped' : 'reopened';
    change(kind, before.state, after.state);
  } else if (after.state === 'open' && before.date !== after.date) {
    // A date only moves a milestone that is still to be done; on completion the date is history.
    if (before.date && after.date) {
      const days = daysBetween(before.date, after.date);
      change(days < 0 ? 'advanced' : 'slipped', before.date, after.date, days);
    } else {
      change(after.date ? 'scheduled' : 'unscheduled', before.date, after.date);
    }
  }
  if (before.title !== after.title) change('renamed', before.title, after.title);
  if (before.side !== after.side) change('reassigned', before.side, after.side);
  return out;
}

/**
 * What changed from one plan to the next: milestones (matched by id) added, removed, completed,
 * dropped, reopened, moved earlier (advanced) or later (slipped), and the other fields changed.
 * `before` null means there was no plan yet: every milestone is added.
 */
export function diffPlans(before: PlanDocument | null, after: PlanDocument): PlanDiff {
  const old = new Map((before?.milestones ?? []).map((m) => [m.id, m]));
  const seen = new Set<string>();
  const milestones: MilestoneChange[] = [];
  for (const m of after.milestones) {
    seen.add(m.id);
    const was = old.get(m.id);
    if (!was)
      milestones.push({
        kind: 'added',
        id: m.id,
        title: m.title,
        from: null,
        to: m.date,
        days: null,
      });
    else milestones.push(...changesOf(was, m));
  }
  for (const m of before?.milestones ?? []) {
    if (!seen.has(m.id))
      milestones.push({
        kind: 'removed',
        id: m.id,
        title: m.title,
        from: m.date,
        to: null,
        days: null,
      });
  }
  const fields: FieldChange[] = [];
  for (const field of PLAN_FIELDS) {
    const a = before ? before[field] : null;
    const b = after[field];
    const empty = Array.isArray(b) ? [] : '';
    if (JSON.stringify(a ?? empty) !== JSON.stringify(b))
      fields.push({ field, before: (a ?? empty) as PlanDocument[PlanField], after: b });
  }
  const counts = Object.fromEntries(MILESTONE_CHANGE_KINDS.map((k) => [k, 0])) as Record<
    MilestoneChangeKind,
    number
  >;
  for (const c of milestones) counts[c.kind] += 1;
  return { milestones, fields, counts };
}

export function isEmptyDiff(diff: PlanDiff): boolean {
  return diff.milestones.length === 0 && diff.fields.length === 0;
}

const FIELD_WORDS: Record<PlanField, string> = {
  objective: 'objective',
  decisionProcess: 'decision process',
  people: 'people',
  risks: 'risks',
};

/** The diff in a few words, as a revision's summary: "1 added, 1 completed, 1 slipped; risks changed". */
export function summarizeDiff(diff: PlanDiff, first: boolean): string {
  if (first) {
    const n = diff.counts.added;
    return `first plan, ${n} milestone${n === 1 ? '' : 's'}`;
  }
  const parts = MILESTONE_CHANGE_KINDS.filter((k) => diff.counts[k] > 0).map(
    (k) => `${diff.counts[k]} ${k}`,
  );
  const fields = diff.fields.map((f) => FIELD_WORDS[f.field]);
  const words = [parts.join(', '), fields.length ? `${fields.join(', ')} changed` : ''].filter(
    Boolean,
  );
  return words.length ? words.join('; ') : 'no change';
}
