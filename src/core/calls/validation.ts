import { invalid } from '../kernel/errors.ts';
import type { Habit } from '../playbook/ports.ts';
import { resolveHabit } from '../playbook/validation.ts';
import { requireName } from '../workspaces/validation.ts';
import {
  CALL_OUTCOMES,
  HABIT_CHECKS,
  POOR_OUTCOME_REASONS,
  type CallHabitCheck,
  type CallOutcome,
  type HabitCheck,
  type PoorOutcomeReason,
} from './types.ts';

export const MAX_NOTES = 50_000;
export const MAX_LESSON = 2_000;

export function parseOutcome(value: string | null | undefined): CallOutcome | null {
  if (value === undefined || value === null || value === '') return null;
  if (!(CALL_OUTCOMES as readonly string[]).includes(value))
    throw invalid(`Outcome must be one of ${CALL_OUTCOMES.join(', ')}, got "${value}".`);
  return value as CallOutcome;
}

export function parseReason(value: string | null | undefined): PoorOutcomeReason | null {
  if (value === undefined || value === null || value === '') return null;
  if (!(POOR_OUTCOME_REASONS as readonly string[]).includes(value))
    throw invalid(`Reason must be one of ${POOR_OUTCOME_REASONS.join(', ')}, got "${value}".`);
  return value as PoorOutcomeReason;
}

/** A reason explains a call that did not move the deal; an advancing call needs none. */
export function parseCallOutcome(
  outcome: string | null | undefined,
  reason: string | null | undefined,
): { outcome: CallOutcome | null; reason: PoorOutcomeReason | null } {
  const o = parseOutcome(outcome);
  const r = parseReason(reason);
  if (r && (o === null || o === 'advanced')) {
    throw invalid(
      `A reason (${r}) explains a setback or a no-change call; give --outcome setback or no-change with it.`,
    );
  }
  return { outcome: o, reason: r };
}

export function parseHabitCheck(value: string): HabitCheck {
  const v = value.trim().toLowerCase();
  if (v === 'not-done' || v === 'not done') return 'no';
  if (!(HABIT_CHECKS as readonly string[]).includes(v))
    throw invalid(`A habit is checked ${HABIT_CHECKS.join(', ')}; got "${value}".`);
  return v as HabitCheck;
}

/**
 * The call's checklist over the current playbook. A checklist is all or nothing: once any habit
 * is checked, those not mentioned were not done, so that "practised" and "not practised" can be
 * compared across calls. With nothing checked, no checklist is kept.
 */
export function buildChecklist(
  habits: readonly Habit[],
  checks: Readonly<Record<string, string>> | undefined,
): CallHabitCheck[] {
  const entries = Object.entries(checks ?? {});
  if (entries.length === 0) return [];
  const states = new Map<string, HabitCheck>();
  for (const [ref, value] of entries) {
    const habit = resolveHabit(habits, ref);
    const state = parseHabitCheck(value);
    const earlier = states.get(habit.id);
    if (earlier && earlier !== state)
      throw invalid(
        `Habit ${habit.position} (${habit.key}) is checked twice, as ${earlier} and ${state}.`,
      );
    states.set(habit.id, state);
  }
  return habits.map((h) => ({ habitId: h.id, state: states.get(h.id) ?? 'no' }));
}

/** A lesson, and the habits it is about. */
export function parseLesson(
  habits: readonly Habit[],
  lesson: string | null | undefined,
  tags: readonly (string | number)[] | undefined,
): { lesson: string | null; habitIds: string[] } {
  const text = lesson?.trim() ? requireName(lesson, 'The lesson', MAX_LESSON) : null;
  if (!text && tags?.length) throw invalid('Habit tags belong to a lesson; write the lesson too.');
  const ids = [...new Set((tags ?? []).map((t) => resolveHabit(habits, t).id))];
  return { lesson: text, habitIds: ids };
}

export function parseNotes(notes: string | null | undefined): string {
  const text = (notes ?? '').replace(/\r\n/g, '\n').trim();
  if (text.length > MAX_NOTES) throw invalid(`Call notes are longer than ${MAX_NOTES} characters.`);
  return text;
}
