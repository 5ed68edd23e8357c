import { recordAudit } from '../../audit/record.ts';
import type { ReadDeps, WriteDeps } from '../../kernel/deps.ts';
import { toStoredInstant } from '../../time/dates.ts';
import { DomainError } from '../../kernel/errors.ts';
import { requireTeamLead } from '../../workspaces/permissions.ts';
import type { Actor } from '../../workspaces/types.ts';
import { planPlaybookChanges } from '../plan-changes.ts';
import type { Habit, HabitRepository } from '../ports.ts';
import { parsePlaybook, playbookVersion } from '../validation.ts';

export interface Playbook {
  habits: Habit[];
  /** Send it back when setting the playbook to refuse a stale write. */
  version: string;
}

export async function getPlaybook(
  deps: ReadDeps & { habits: HabitRepository },
  actor: Actor,
): Promise<Playbook> {
  const habits = await deps.habits.list(deps.runner.executor, actor.workspaceId);
  return { habits, version: playbookVersion(habits) };
}

const summary = (h: Habit) => ({ id: h.id, position: h.position, key: h.key, name: h.name });

/**
 * Replaces the playbook with the habits given, in order (owners and managers only). A habit
 * keeps its id, and so its history on past calls, when it is named by id or by key: that is
 * how a rename or a reorder is told apart from a new habit. Habits left out are retired, not
 * deleted, and come back with their history when their key is used again.
 */
export async function setPlaybook(
  deps: WriteDeps & { habits: HabitRepository },
  actor: Actor,
  input: { habits: unknown; version?: string },
): Promise<Playbook> {
  requireTeamLead(actor, 'change the playbook');
  const wanted = parsePlaybook(input.habits);
  return deps.runner.transaction(async (tx) => {
    const stored = await deps.habits.list(tx, actor.workspaceId, { includeRemoved: true });
    const active = stored.filter((h) => !h.removedAt);
    const current = playbookVersion(active);
    if (input.version !== undefined && input.version !== current) {
      throw new DomainError(
        'version-conflict',
        'The playbook changed since you read it; reload it and apply your change again.',
        { expectedVersion: input.version, currentVersion: current },
      );
    }
    const { added, changed } = planPlaybookChanges(
      stored,
      wanted,
      toStoredInstant(deps.clock.now()),
    );
    for (const { habit, patch } of changed) {
      if (!(await deps.habits.update(tx, actor.workspaceId, habit.id, habit.version, patch))) {
        throw new DomainError(
          'version-conflict',
          `The habit "${habit.name}" changed meanwhile; reload the playbook and try again.`,
        );
      }
    }
    for (const h of added) {
      await deps.habits.insert(tx, {
        id: deps.ids('habit'),
        workspaceId: actor.workspaceId,
        position: h.position,
        key: h.key,
        name: h.name,
        description: h.description ?? '',
        removedAt: null,
        version: 1,
      });
    }
    const habits = await deps.habits.list(tx, actor.workspaceId);
    await recordAudit(deps, tx, {
      workspaceId: actor.workspaceId,
      actor,
      action: 'playbook.set',
      entity: 'playbook',
      entityId: actor.workspaceId,
      before: active.map(summary),
      after: habits.map(summary),
    });
    return { habits, version: playbookVersion(habits) };
  });
}
