import { findAccountByRef } from '../../accounts/flows/manage-accounts.ts';
import type { AccountRepository } from '../../accounts/ports.ts';
import { recordAudit } from '../../audit/record.ts';
import type { ReadDeps, WriteDeps } from '../../kernel/deps.ts';
import { parseIsoDate, toStoredInstant } from '../../time/dates.ts';
import { DomainError, invalid, notFound } from '../../kernel/errors.ts';
import type { Executor } from '../../kernel/transactions.ts';
import type { Actor } from '../../workspaces/types.ts';
import { requireName } from '../../workspaces/validation.ts';
import type { DealFilter, DealRepository, StageRepository } from '../ports.ts';
import { DEAL_STATUSES, type Deal, type DealStatus } from '../types.ts';

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

export interface AddDealInput {
  account: string;
  title: string;
  stage?: string;
  amount?: number | string | null;
  currency?: string;
  expectedClose?: string | null;
  ownerId?: string;
}

export type DealDeps = WriteDeps & {
  deals: DealRepository;
  accounts: AccountRepository;
  stages: StageRepository;
};

export async function addDeal(deps: DealDeps, actor: Actor, input: AddDealInput): Promise<Deal> {
  const title = requireName(input.title, 'Deal title');
  const amountMinor = parseAmount(input.amount);
  const currency = parseCurrency(input.currency);
  const expectedClose = input.expectedClose
    ? parseIsoDate(input.expectedClose, 'Expected close').toString()
    : null;
  return deps.runner.transaction(async (tx) => {
    const account = await findAccountByRef(deps, tx, actor, input.account);
    const stages = await deps.stages.listByWorkspace(tx, actor.workspaceId);
    const stage = input.stage
      ? stages.find(
          (s) => s.id === input.stage || s.name.toLowerCase() === input.stage!.trim().toLowerCase(),
        )
      : stages[0];
    if (!stage) {
      throw invalid(
        `Unknown stage "${input.stage}". Stages: ${stages.map((s) => s.name).join(', ')}.`,
      );
    }
    const now = toStoredInstant(deps.clock.now());
    const deal: Deal = {
      id: deps.ids('deal'),
      workspaceId: actor.workspaceId,
      accountId: account.id,
      ownerId: input.ownerId ?? actor.memberId,
      title,
      stageId: stage.id,
      amountMinor,
      currency,
      expectedClose,
      status: 'open',
      reEngageOn: null,
      closeReason: null,
      closedAt: null,
      lastTouchAt: null,
      createdAt: now,
      updatedAt: now,
      version: 1,
    };
    await deps.deals.insert(tx, deal);
    await recordAudit(deps, tx, {
      workspaceId: actor.workspaceId,
      actor,
      action: 'deal.create',
      entity: 'deal',
      entityId: deal.id,
      after: deal,
    });
    return deal;
  });
}

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

export function getDeal(
  deps: ReadDeps & { deals: DealRepository },
  actor: Actor,
  id: string,
): Promise<Deal> {
  return requireVisibleDeal(deps, deps.runner.executor, actor, id);
}

export function listDeals(
  deps: ReadDeps & { deals: DealRepository },
  actor: Actor,
  filter: DealFilter = {},
): Promise<Deal[]> {
  return deps.deals.listVisible(deps.runner.executor, actor, filter);
}

/** Raised when a write was based on a version that is no longer current. */
export function staleVersion(entity: string, id: string, expected: number): DomainError {
  return new DomainError(
    'version-conflict',
    `The ${entity} ${id} changed since version ${expected}; reload it and try again.`,
    { id, expectedVersion: expected },
  );
}
