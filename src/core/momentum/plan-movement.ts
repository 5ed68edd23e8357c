import type { PlanDocument } from '../plans/document.ts';
import { countMilestoneMovement } from '../plans/movement.ts';
import type { PlanMovement } from './score.ts';

/** The window over which plan movement counts towards momentum. */
export const PLAN_WINDOW_DAYS = 30;

/** Stored plans were validated when written; this only keeps a damaged row from counting. */
function asPlan(document: unknown): PlanDocument | null {
  const milestones = (document as { milestones?: unknown } | null)?.milestones;
  return Array.isArray(milestones) ? (document as PlanDocument) : null;
}

/**
 * How a deal's plan moved between two revisions, as momentum counts it: milestones completed
 * or moved earlier advanced; milestones moved later slipped. Added or removed milestones count
 * neither way: a new promise is not yet progress.
 */
export function planMovement(before: unknown, after: unknown): PlanMovement {
  const later = asPlan(after);
  if (!later) return { advanced: 0, slipped: 0 };
  const m = countMilestoneMovement(asPlan(before), later);
  return { advanced: m.advanced + m.completed, slipped: m.slipped };
}
