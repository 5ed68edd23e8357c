import type { IsoDate } from '../time/dates.ts';

export type DealStatus = 'open' | 'won' | 'lost' | 'paused';
export const DEAL_STATUSES: readonly DealStatus[] = ['open', 'won', 'lost', 'paused'];

export interface Stage {
  id: string;
  workspaceId: string;
  name: string;
  position: number;
  neglectDays: number;
  version: number;
}

export const DEFAULT_NEGLECT_DAYS = 7;
export const DEFAULT_STAGES: readonly { name: string; neglectDays: number }[] = [
  { name: 'Discovery', neglectDays: 7 },
  { name: 'Qualified', neglectDays: 7 },
  { name: 'Demo', neglectDays: 7 },
  { name: 'Proposal', neglectDays: 5 },
  { name: 'Negotiation', neglectDays: 4 },
];

export interface Deal {
  id: string;
  workspaceId: string;
  accountId: string;
  ownerId: string;
  title: string;
  stageId: string;
  /** Minor units (cents) so that sums are exact on both dialects. */
  amountMinor: number | null;
  currency: string;
  expectedClose: IsoDate | null;
  status: DealStatus;
  reEngageOn: IsoDate | null;
  closeReason: string | null;
  closedAt: string | null;
  lastTouchAt: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

/** Why a call (or a deal) went nowhere; the same words serve a lost or paused deal. */
export const POOR_OUTCOME_REASONS = ['not-interested', 'not-now', 'no-fit', 'other'] as const;
export type PoorOutcomeReason = (typeof POOR_OUTCOME_REASONS)[number];

export type DealOutcomeKind = 'won' | 'lost' | 'paused';

/** One time a deal was won, lost or paused: why, and what it taught. */
export interface DealOutcome {
  id: string;
  workspaceId: string;
  dealId: string;
  outcome: DealOutcomeKind;
  reason: PoorOutcomeReason | null;
  lesson: string | null;
  /** Ids of the habits the lesson is about. */
  lessonHabits: string[];
  /** When to open the next conversation (a paused deal always has one). */
  reEngageOn: IsoDate | null;
  decidedBy: string;
  decidedAt: string;
}
