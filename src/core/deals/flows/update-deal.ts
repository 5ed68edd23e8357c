import { recordAudit } from '../../audit/record.ts';
import { publishEvent, type EventOutbox } from '../../webhooks/ports.ts';
import type { WriteDeps } from '../../kernel/deps.ts';
import { parseIsoDate, toStoredInstant } from '../../time/dates.ts';
import { invalid } from '../../kernel/errors.ts';
import type { Executor } from '../../kernel/transactions.ts';
import type { Actor } from '../../workspaces/types.ts';
import { requireName } from '../../workspaces/validation.ts';
import { parseAmount, parseCurrency, requireVisibleDeal } from '../rules.ts';
import { staleVersion } from '../../kernel/errors.ts';
import type { DealPatch, DealRepository, StageRepository } from '../ports.ts';
import type { Deal, Stage } from '../types.ts';

export interface UpdateDealInput {
  title?: string;
  /** Stage id or name. */
  stage?: string;
  amount?: number | string | null;
  currency?: string;
  expectedClose?: string | null;
}

export type UpdateDealDeps = WriteDeps & {
  deals: DealRepository;
  stages: StageRepository;
  events?: EventOutbox;
};

async function resolveStage(
  deps: { stages: StageRepository },
  tx: Executor,
  workspaceId: string,
  ref: string,
): Promise<Stage> {
  const stages = await deps.stages.listByWorkspace(tx, workspaceId);
  const key = ref.trim().toLowerCase();
  const stage = stages.find((s) => s.id === ref.trim() || s.name.toLowerCase() === key);
  if (!stage) {
    throw invalid(`Unknown stage "${ref}". Stages: ${stages.map((s) => s.name).join(', ')}.`);
  }
  return stage;
}

/**
 * Edits a deal the actor can see, at the version they read: a write based on an older version
 * fails instead of overwriting someone else's change. Moving the deal to another stage restarts
 * its clock in that stage (neglect thresholds and stage movement read it).
 */
export async function updateDeal(
  deps: UpdateDealDeps,
  actor: Actor,
  id: string,
  input: UpdateDealInput,
  expectedVersion: number,
): Promise<Deal> {
  const patch: DealPatch = {};
  if (input.title !== undefined) patch.title = requireName(input.title, 'Deal title');
  if (input.amount !== undefined) patch.amountMinor = parseAmount(input.amount);
  if (input.currency !== undefined) patch.currency = parseCurrency(input.currency);
  if (input.expectedClose !== undefined) {
    patch.expectedClose = input.expectedClose
      ? parseIsoDate(input.expectedClose, 'Expected close').toString()
      : null;
  }
  if (input.stage === undefined && Object.keys(patch).length === 0) {
    throw invalid(
      'Nothing to change: send at least one of title, stage, amount, currency, expectedClose.',
    );
  }
  return deps.runner.transaction(async (tx) => {
    const before = await requireVisibleDeal(deps, tx, actor, id);
    const now = toStoredInstant(deps.clock.now());
    if (input.stage !== undefined) {
      const stage = await resolveStage(deps, tx, actor.workspaceId, input.stage);
      // A closed deal keeps the stage it was closed in (its outcome says how it ended).
      if (stage.id !== before.stageId && (before.status === 'won' || before.status === 'lost'))
        throw invalid(
          `The deal is ${before.status}; its stage stays the one it was closed in (${before.status} deals do not move).`,
        );
      if (stage.id !== before.stageId) {
        patch.stageId = stage.id;
        patch.stageChangedAt = now;
      }
    }
    patch.updatedAt = now;
    if (!(await deps.deals.update(tx, before.id, expectedVersion, patch))) {
      throw staleVersion('deal', before.id, expectedVersion);
    }
    const after = await requireVisibleDeal(deps, tx, actor, before.id);
    await recordAudit(deps, tx, {
      workspaceId: actor.workspaceId,
      actor,
      action: 'deal.update',
      entity: 'deal',
      entityId: before.id,
      before,
      after,
    });
    if (after.stageId !== before.stageId)
      await publishEvent(deps, tx, {
        workspaceId: after.workspaceId,
        type: 'deal.stage_changed',
        key: `deal.stage_changed:${after.id}:${after.version}`,
        data: {
          dealId: after.id,
          title: after.title,
          fromStageId: before.stageId,
          toStageId: after.stageId,
          changedAt: now,
          changedBy: actor.memberId,
        },
      });
    return after;
  });
}
