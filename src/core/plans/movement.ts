import { diffPlans } from './diff.ts';
import type { PlanDocument } from './document.ts';

/** How far a deal's plan moved: milestones completed, moved earlier, and moved later. */
export interface MilestoneMovement {
  /** Open milestones moved to an earlier date. */
  advanced: number;
  /** Open milestones moved to a later date. */
  slipped: number;
  /** Milestones marked done. */
  completed: number;
}

/**
 * Milestone movement between two plans ("advanced vs slipped" feeds the momentum score).
 * Completing a milestone is counted as `completed`, not as `advanced`: a caller that scores
 * both as progress adds them.
 */
export function countMilestoneMovement(
  before: PlanDocument | null,
  after: PlanDocument,
): MilestoneMovement {
  const { counts } = diffPlans(before, after);
  return { advanced: counts.advanced, slipped: counts.slipped, completed: counts.completed };
}

/**
 * The same over a deal's revisions, oldest first: the sum of the movement from each revision to
 * the next, so that a milestone moved later then back earlier counts once each way.
 */
export function countMovementAcrossRevisions(
  documents: readonly PlanDocument[],
): MilestoneMovement {
  const total: MilestoneMovement = { advanced: 0, slipped: 0, completed: 0 };
  for (let i = 1; i < documents.length; i++) {
    const m = countMilestoneMovement(documents[i - 1]!, documents[i]!);
    total.advanced += m.advanced;
    total.slipped += m.slipped;
    total.completed += m.completed;
  }
  return total;
}
