import { recordAudit, type AuditDeps } from '../../audit/record.ts';
import type { CallRepository } from '../../calls/ports.ts';
import { requireVisibleDeal } from '../../deals/rules.ts';
import type { DealRepository } from '../../deals/ports.ts';
import type { Deal } from '../../deals/types.ts';
import type { ReadDeps, WriteDeps } from '../../kernel/deps.ts';
import { toStoredInstant } from '../../time/dates.ts';
import { DomainError, invalid, notFound } from '../../kernel/errors.ts';
import type { Executor } from '../../kernel/transactions.ts';
import type { Actor } from '../../workspaces/types.ts';
import { diffPlans, isEmptyDiff, summarizeDiff, type PlanDiff } from '../diff.ts';
import { parsePlanDocument, type PlanDocument } from '../document.ts';
import type { PlanRepository, PlanRevision } from '../ports.ts';

export interface SavedPlan {
  revision: PlanRevision;
  /** From the previous revision (or from nothing, for the first). */
  diff: PlanDiff;
  /** True when the document equalled the latest revision, so nothing was saved. */
  unchanged: boolean;
}

function parseBase(base: number | null | undefined): number | null {
  if (base === undefined || base === null) return null;
  if (!Number.isInteger(base) || base < 0)
    throw invalid(`The base revision must be a whole number (0 for no plan yet), got ${base}.`);
  return base;
}

function staleBase(deal: Deal, base: number, latest: PlanRevision | null): DomainError {
  const now = latest?.number ?? 0;
  return new DomainError(
    'version-conflict',
    `The plan of deal ${deal.id} is at revision ${now}, not ${base}: someone saved since you read it. Nothing was saved; compare with "plan diff ${deal.id} ${base} ${now}", merge, and save again on base ${now}.`,
    { dealId: deal.id, base, latest: now },
  );
}

/**
 * Saves a new revision of a deal's plan inside an open transaction (a plan edit, or a call that
 * moved milestones). With a base revision it refuses to save over a newer one. A document equal
 * to the latest revision saves nothing.
 */
export async function insertPlanRevision(
  deps: AuditDeps & { plans: PlanRepository },
  tx: Executor,
  actor: Actor,
  deal: Deal,
  input: { document: PlanDocument; base?: number | null; callId?: string | null },
): Promise<SavedPlan> {
  const base = parseBase(input.base);
  const latest = await deps.plans.latest(tx, deal.id);
  if (base !== null && base !== (latest?.number ?? 0)) throw staleBase(deal, base, latest);
  const diff = diffPlans(latest?.document ?? null, input.document);
  if (latest && isEmptyDiff(diff)) return { revision: latest, diff, unchanged: true };
  const revision: PlanRevision = {
    id: deps.ids('plan'),
    workspaceId: deal.workspaceId,
    dealId: deal.id,
    number: (latest?.number ?? 0) + 1,
    document: input.document,
    authorId: actor.memberId,
    callId: input.callId ?? null,
    summary: summarizeDiff(diff, latest === null),
    createdAt: toStoredInstant(deps.clock.now()),
  };
  if (!(await deps.plans.insert(tx, revision))) {
    throw staleBase(deal, revision.number - 1, await deps.plans.latest(tx, deal.id));
  }
  await recordAudit(deps, tx, {
    workspaceId: deal.workspaceId,
    actor,
    action: 'plan.revise',
    entity: 'deal',
    entityId: deal.id,
    after: { revision: revision.number, callId: revision.callId, summary: revision.summary },
  });
  return { revision, diff, unchanged: false };
}

export type EditPlanDeps = WriteDeps & {
  deals: DealRepository;
  plans: PlanRepository;
  calls: Pick<CallRepository, 'findVisible'>;
};

/**
 * Saves a new plan for a deal. Tied to a call (`callId`), the revision records the call that
 * caused it, and the call's touch covers it. On its own a plan edit is internal work, not a
 * forward action with the customer: it is no touch and does not count towards the march
 * (docs/rules.md#touch).
 */
export async function editPlan(
  deps: EditPlanDeps,
  actor: Actor,
  dealId: string,
  input: { document: unknown; base?: number | null; callId?: string | null },
): Promise<SavedPlan> {
  const base = parseBase(input.base);
  return deps.runner.transaction(async (tx) => {
    const deal = await requireVisibleDeal(deps, tx, actor, dealId);
    let callId: string | null = null;
    if (input.callId) {
      const call = await deps.calls.findVisible(tx, actor, input.callId.trim());
      if (!call || call.dealId !== deal.id) throw notFound('call on this deal', input.callId);
      callId = call.id;
    }
    const latest = await deps.plans.latest(tx, deal.id);
    const document = parsePlanDocument(input.document, latest?.document ?? null);
    return insertPlanRevision(deps, tx, actor, deal, { document, base, callId });
  });
}

type PlanReadDeps = ReadDeps & { deals: DealRepository; plans: PlanRepository };

function parseRevisionNumber(value: number | string, field: string): number {
  const n = typeof value === 'number' ? value : Number(String(value).trim());
  if (!Number.isInteger(n) || n < 1 || String(value).trim() === '')
    throw invalid(`${field} must be a revision number (1, 2, …), got "${value}".`);
  return n;
}

async function requireRevision(
  deps: PlanReadDeps,
  ex: Executor,
  deal: Deal,
  number?: number | string,
): Promise<PlanRevision> {
  if (number === undefined) {
    const latest = await deps.plans.latest(ex, deal.id);
    if (!latest)
      throw new DomainError('not-found', `Deal ${deal.id} has no plan yet.`, { dealId: deal.id });
    return latest;
  }
  const n = parseRevisionNumber(number, 'Revision');
  const revision = await deps.plans.find(ex, deal.id, n);
  if (!revision) {
    const latest = await deps.plans.latest(ex, deal.id);
    throw new DomainError(
      'not-found',
      latest
        ? `Deal ${deal.id} has plan revisions 1 to ${latest.number}, not ${n}.`
        : `Deal ${deal.id} has no plan yet.`,
      { dealId: deal.id, revision: n },
    );
  }
  return revision;
}

/** A deal's plan: the latest revision, or the one numbered. */
export async function getPlan(
  deps: PlanReadDeps,
  actor: Actor,
  dealId: string,
  number?: number | string,
): Promise<PlanRevision> {
  const ex = deps.runner.executor;
  const deal = await requireVisibleDeal(deps, ex, actor, dealId);
  return requireRevision(deps, ex, deal, number);
}

export async function listPlanRevisions(
  deps: PlanReadDeps,
  actor: Actor,
  dealId: string,
): Promise<PlanRevision[]> {
  const ex = deps.runner.executor;
  const deal = await requireVisibleDeal(deps, ex, actor, dealId);
  return deps.plans.list(ex, deal.id);
}

export interface PlanComparison {
  from: PlanRevision | null;
  to: PlanRevision;
  diff: PlanDiff;
}

/**
 * Compares two revisions of a deal's plan; by default the latest with the one before it (or
 * with nothing, when there is only one).
 */
export async function comparePlanRevisions(
  deps: PlanReadDeps,
  actor: Actor,
  dealId: string,
  range: { from?: number | string; to?: number | string } = {},
): Promise<PlanComparison> {
  const ex = deps.runner.executor;
  const deal = await requireVisibleDeal(deps, ex, actor, dealId);
  const to = await requireRevision(deps, ex, deal, range.to);
  let from: PlanRevision | null;
  if (range.from !== undefined) from = await requireRevision(deps, ex, deal, range.from);
  else from = to.number > 1 ? await requireRevision(deps, ex, deal, to.number - 1) : null;
  return { from, to, diff: diffPlans(from?.document ?? null, to.document) };
}
