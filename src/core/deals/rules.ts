import { invalid, notFound } from '../kernel/errors.ts';
import type { Executor } from '../kernel/transactions.ts';
import type { Actor } from '../workspaces/types.ts';
import type { DealRepository } from './ports.ts';
import { DEAL_STATUSES, type Deal, type DealStatus } from './types.ts';

const CURRENCY_RE = /^[A-Z]{3}$/;

export function parseCurrency(value: string | undefined, fallback = 'USD'): string {
  const currency = (value ?? fallback).trim().toUpperCase();
  if (!CURRENCY_RE.test(currency))
    throw invalid(`Currency must be a three-letter ISO code such as USD or EUR, got "${value}".`);
  return currency;
}

/** Amounts arrive in major units (12500.50) and are kept in minor units (1250050). */
export function parseAmount(value: number | string | null | undefined): number | null {
  if (value === null || value === undefined || value === '') return null;
  const n = typeof value === 'number' ? value : Number(String(value).replace(/[,_\s]/g, ''));
  if (!Number.isFinite(n) || n < 0 || n > 1e13)
    throw invalid(`Amount must be a positive number, got "${value}".`);
  return Math.round(n * 100);
}

export function parseDealStatus(value: string): DealStatus {
  if (!(DEAL_STATUSES as readonly string[]).includes(value)) {
    throw invalid(`Deal status must be one of ${DEAL_STATUSES.join(', ')}, got "${value}".`);
  }
  return value as DealStatus;
}

/** The deal with this id if the actor may see it; not-found otherwise (a rep never learns that a
 * colleague's deal exists). */
export async function requireVisibleDeal(
  deps: { deals: DealRepository },
  ex: Executor,
  actor: Actor,
  id: string,
): Promise<Deal> {
  const deal = await deps.deals.findVisible(ex, actor, id.trim());
  if (!deal) throw notFound('deal', id);
  return deal;
}
