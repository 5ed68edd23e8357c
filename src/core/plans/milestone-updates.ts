import { invalid } from '../kernel/errors.ts';
import { parsePlanDocument, type PlanDocument } from './document.ts';

/**
 * A change to one milestone made while logging a call: with an id it changes that milestone
 * (only the fields given); without one it adds a milestone.
 */
export interface MilestoneUpdate {
  id?: string;
  title?: string;
  side?: string;
  date?: string | null;
  state?: string;
}

export const MAX_MILESTONE_UPDATES = 50;

/** Applies updates to the current plan (or an empty one) and validates the result. */
export function applyMilestoneUpdates(
  current: PlanDocument | null,
  updates: readonly MilestoneUpdate[],
): PlanDocument {
  if (updates.length > MAX_MILESTONE_UPDATES)
    throw invalid(`At most ${MAX_MILESTONE_UPDATES} milestone changes at once.`);
  const milestones: Record<string, unknown>[] = (current?.milestones ?? []).map((m) => ({ ...m }));
  for (const [i, u] of updates.entries()) {
    if (u.id) {
      const target = milestones.find((m) => m.id === u.id);
      if (!target) {
        const known = milestones.map((m) => m.id).join(', ') || 'none yet';
        throw invalid(`milestones[${i}]: the plan has no milestone "${u.id}" (it has ${known}).`);
      }
      for (const key of ['title', 'side', 'date', 'state'] as const) {
        if (u[key] !== undefined) target[key] = u[key];
      }
    } else {
      if (!u.title) throw invalid(`milestones[${i}]: a new milestone needs a title.`);
      milestones.push({
        title: u.title,
        ...(u.side !== undefined && { side: u.side }),
        ...(u.date !== undefined && { date: u.date }),
        ...(u.state !== undefined && { state: u.state }),
      });
    }
  }
  return parsePlanDocument({ ...(current ?? {}), milestones }, current);
}
