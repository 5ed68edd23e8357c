import { Type, type Static } from 'typebox';
import { MILESTONE_CHANGE_KINDS, type PlanDiff } from '../../core/plans/diff.ts';
import type { PlanRevision } from '../../core/plans/ports.ts';
import type { PlanComparison, SavedPlan } from '../../core/plans/flows/revise-plan.ts';
import { LiteralUnion, Nullable } from '../shared.ts';

const Side = Type.Union([Type.Literal('ours'), Type.Literal('theirs')]);

export const PlanDocumentView = Type.Object({
  objective: Type.String(),
  decisionProcess: Type.String(),
  people: Type.Array(Type.Object({ name: Type.String(), role: Type.String(), side: Side })),
  milestones: Type.Array(
    Type.Object({
      id: Type.String(),
      title: Type.String(),
      side: Side,
      date: Nullable(Type.String()),
      state: Type.Union([Type.Literal('open'), Type.Literal('done'), Type.Literal('dropped')]),
    }),
  ),
  risks: Type.Array(Type.String()),
});

const revisionFields = {
  dealId: Type.String(),
  number: Type.Integer(),
  authorId: Type.String(),
  callId: Nullable(Type.String()),
  summary: Nullable(Type.String()),
  createdAt: Type.String(),
};

/** A revision without its document, for the timeline. */
export const PlanRevisionSummaryView = Type.Object(revisionFields);
export const PlanRevisionView = Type.Object({ ...revisionFields, document: PlanDocumentView });

export const PlanDiffView = Type.Object({
  milestones: Type.Array(
    Type.Object({
      kind: LiteralUnion(MILESTONE_CHANGE_KINDS),
      id: Type.String(),
      title: Type.String(),
      from: Nullable(Type.String()),
      to: Nullable(Type.String()),
      days: Nullable(Type.Integer()),
    }),
  ),
  fields: Type.Array(
    Type.Object({
      field: Type.Union([
        Type.Literal('objective'),
        Type.Literal('decisionProcess'),
        Type.Literal('people'),
        Type.Literal('risks'),
      ]),
      before: Type.Unknown(),
      after: Type.Unknown(),
    }),
  ),
  counts: Type.Record(Type.String(), Type.Integer()),
});

export const SavedPlanView = Type.Object({
  revision: PlanRevisionView,
  diff: PlanDiffView,
  unchanged: Type.Boolean({ description: 'True when the plan equalled the latest revision' }),
});

export const PlanComparisonView = Type.Object({
  from: Nullable(Type.Integer({ description: 'The earlier revision; null for none' })),
  to: Type.Integer(),
  diff: PlanDiffView,
});

export function presentRevisionSummary(r: PlanRevision): Static<typeof PlanRevisionSummaryView> {
  return {
    dealId: r.dealId,
    number: r.number,
    authorId: r.authorId,
    callId: r.callId,
    summary: r.summary,
    createdAt: r.createdAt,
  };
}

export function presentRevision(r: PlanRevision): Static<typeof PlanRevisionView> {
  return { ...presentRevisionSummary(r), document: r.document };
}

export function presentDiff(d: PlanDiff): Static<typeof PlanDiffView> {
  return { milestones: d.milestones, fields: d.fields, counts: d.counts };
}

export function presentSavedPlan(s: SavedPlan): Static<typeof SavedPlanView> {
  return {
    revision: presentRevision(s.revision),
    diff: presentDiff(s.diff),
    unchanged: s.unchanged,
  };
}

export function presentComparison(c: PlanComparison): Static<typeof PlanComparisonView> {
  return { from: c.from?.number ?? null, to: c.to.number, diff: presentDiff(c.diff) };
}
