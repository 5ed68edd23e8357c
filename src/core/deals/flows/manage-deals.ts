import { findAccountByRef } from '../../accounts/account-ref.ts';
import type { AccountRepository } from '../../accounts/ports.ts';
import { recordAudit } from '../../audit/record.ts';
import type { ReadDeps, WriteDeps } from '../../kernel/deps.ts';
import { parseIsoDate, toStoredInstant } from '../../time/dates.ts';
import { invalid } from '../../kernel/errors.ts';
import type { Actor } from '../../workspaces/types.ts';
import { requireName } from '../../workspaces/validation.ts';
import type { DealFilter, DealRepository, StageRepository } from '../ports.ts';
import { parseAmount, parseCurrency, requireVisibleDeal } from '../rules.ts';
import type { Deal } from '../types.ts';

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
