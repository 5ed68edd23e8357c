import { recordAudit } from '../../audit/record.ts';
import type { ReadDeps, WriteDeps } from '../../kernel/deps.ts';
import { DomainError, forbidden } from '../../kernel/errors.ts';
import { seesWholeWorkspace, type Actor } from '../../workspaces/types.ts';
import { requireCount } from '../../workspaces/validation.ts';
import { staleVersion } from '../../kernel/errors.ts';
import type { StageRepository } from '../ports.ts';
import type { Stage } from '../types.ts';

export const MAX_NEGLECT_DAYS = 365;

export type StageSettingsDeps = WriteDeps & {
  stages: StageRepository;
};

export function listStages(
  deps: ReadDeps & { stages: Pick<StageRepository, 'listByWorkspace'> },
  actor: Actor,
): Promise<Stage[]> {
  return deps.stages.listByWorkspace(deps.runner.executor, actor.workspaceId);
}

/**
 * Sets how many days a deal in a stage may go without a touch before it counts as neglected.
 * Stages belong to the whole workspace, so only owners and managers change them. The stage is
 * named by id or by name (any case).
 */
export async function setStageNeglectDays(
  deps: StageSettingsDeps,
  actor: Actor,
  stageRef: string,
  neglectDays: number,
  expectedVersion?: number,
): Promise<Stage> {
  if (!seesWholeWorkspace(actor))
    throw forbidden('Only owners and managers change the pipeline stages.');
  const days = requireCount(neglectDays, 'Neglect days', 1, MAX_NEGLECT_DAYS);
  return deps.runner.transaction(async (tx) => {
    const stages = await deps.stages.listByWorkspace(tx, actor.workspaceId);
    const ref = stageRef.trim().toLowerCase();
    const current = stages.find((s) => s.id === stageRef.trim() || s.name.toLowerCase() === ref);
    if (!current) {
      throw new DomainError(
        'not-found',
        `No stage "${stageRef}". Stages: ${stages.map((s) => s.name).join(', ')}.`,
      );
    }
    const version = expectedVersion ?? current.version;
    if (version !== current.version) throw staleVersion('stage', current.id, version);
    if (
      !(await deps.stages.update(tx, actor.workspaceId, current.id, version, { neglectDays: days }))
    )
      throw staleVersion('stage', current.id, version);
    const next: Stage = { ...current, neglectDays: days, version: version + 1 };
    await recordAudit(deps, tx, {
      workspaceId: actor.workspaceId,
      actor,
      action: 'stage.update',
      entity: 'stage',
      entityId: current.id,
      before: current,
      after: next,
    });
    return next;
  });
}
