import { invalid } from '../kernel/errors.ts';
import type { Habit, HabitPatch } from './ports.ts';
import type { HabitInput } from './validation.ts';

export interface PlaybookChanges {
  /** New habits, with their 1-based positions. */
  added: (HabitInput & { position: number })[];
  /** Existing habits to change (moved, renamed, retired or brought back). */
  changed: { habit: Habit; patch: HabitPatch }[];
}

/**
 * Works out how to turn the stored habits (active and retired) into the wanted list. A wanted
 * habit is the stored one with its id, or else with its key; anything else is new. Active
 * habits not wanted are retired at `now`.
 */
export function planPlaybookChanges(
  stored: readonly Habit[],
  wanted: readonly HabitInput[],
  now: string,
): PlaybookChanges {
  const byId = new Map(stored.map((h) => [h.id, h]));
  const byKey = new Map(stored.map((h) => [h.key, h]));
  const matches = wanted.map((w, i) => {
    if (!w.id) return byKey.get(w.key) ?? null;
    const habit = byId.get(w.id);
    if (!habit) throw invalid(`habits[${i}].id "${w.id}" is not a habit of this workspace.`);
    return habit;
  });
  // A habit named by its id keeps its key unless a new one is written.
  const keys = wanted.map((w, i) => (matches[i] && w.id && !w.keyGiven ? matches[i].key : w.key));
  const first = new Map<string, number>();
  for (const [i, key] of keys.entries()) {
    const twin = first.get(key);
    if (twin !== undefined)
      throw invalid(
        `Habits ${twin + 1} and ${i + 1} have the same key "${key}"; give one another key.`,
      );
    first.set(key, i);
  }
  const named = new Set<string>();
  for (const [i, m] of matches.entries()) {
    if (!m) continue;
    if (named.has(m.id)) throw invalid(`habits[${i}] names a habit already listed above it.`);
    named.add(m.id);
  }
  const added: PlaybookChanges['added'] = [];
  const changed: PlaybookChanges['changed'] = [];
  for (const [i, entry] of wanted.entries()) {
    const w = { ...entry, key: keys[i]! };
    const position = i + 1;
    const habit = matches[i];
    if (!habit) {
      added.push({ ...w, position });
      continue;
    }
    // A key stays with one habit: a retired habit keeps its key so it can come back by it.
    const holder = byKey.get(w.key);
    if (holder && holder.id !== habit.id && !named.has(holder.id)) {
      throw invalid(
        `habits[${i}].key "${w.key}" belongs to the retired habit "${holder.name}"; list it by key to bring it back, or pick another key.`,
      );
    }
    const patch: HabitPatch = {};
    if (habit.position !== position) patch.position = position;
    if (habit.key !== w.key) patch.key = w.key;
    if (habit.name !== w.name) patch.name = w.name;
    if (w.description !== undefined && habit.description !== w.description)
      patch.description = w.description;
    if (habit.removedAt) patch.removedAt = null;
    if (Object.keys(patch).length) changed.push({ habit, patch });
  }
  for (const habit of stored) {
    if (!habit.removedAt && !named.has(habit.id))
      changed.push({ habit, patch: { removedAt: now } });
  }
  return { added, changed };
}
