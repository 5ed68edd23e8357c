import { requireVisibleDeal } from '../deals/rules.ts';
import type { DealRepository } from '../deals/ports.ts';
import type { ReadDeps } from '../kernel/deps.ts';
import { invalid, notFound } from '../kernel/errors.ts';
import type { Actor } from '../workspaces/types.ts';
import type { CallRepository } from './ports.ts';
import type { Call } from './types.ts';

export const MAX_CALL_PAGE = 200;

export async function getCall(
  deps: ReadDeps & { calls: CallRepository },
  actor: Actor,
  id: string,
): Promise<Call> {
  const call = await deps.calls.findVisible(deps.runner.executor, actor, id.trim());
  if (!call) throw notFound('call', id);
  return call;
}

/** A deal's calls, or without a deal the calls on every deal the actor may see (a rep's own
 * and those shared with them; a manager's whole team), newest first. */
export async function listCalls(
  deps: ReadDeps & { calls: CallRepository; deals: DealRepository },
  actor: Actor,
  query: { dealId?: string; limit?: number },
): Promise<Call[]> {
  const limit = query.limit ?? 50;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_CALL_PAGE)
    throw invalid(`Limit must be a whole number from 1 to ${MAX_CALL_PAGE}, got ${limit}.`);
  const ex = deps.runner.executor;
  if (query.dealId === undefined) return deps.calls.listVisible(ex, actor, limit);
  const deal = await requireVisibleDeal(deps, ex, actor, query.dealId);
  return deps.calls.listForDeal(ex, deal.id, limit);
}
