import type { Selectable } from 'kysely';
import type { Habit, HabitRepository } from '../../core/playbook/ports.ts';
import { kyselyOf } from '../executor.ts';
import type { HabitsTable } from '../schema.ts';

function toHabit(r: Selectable<HabitsTable>): Habit {
  return {
    id: r.id,
    workspaceId: r.workspace_id,
    position: r.position,
    key: r.key,
    name: r.name,
    description: r.description,
    removedAt: r.removed_at,
    version: r.version,
  };
}

export const habitRepository: HabitRepository = {
  async insert(ex, h) {
    await kyselyOf(ex)
      .insertInto('habits')
      .values({
        id: h.id,
        workspace_id: h.workspaceId,
        position: h.position,
        key: h.key,
        name: h.name,
        description: h.description,
        removed_at: h.removedAt ?? null,
        version: h.version,
      })
      .execute();
  },
  async list(ex, workspaceId, options = {}) {
    let q = kyselyOf(ex).selectFrom('habits').selectAll().where('workspace_id', '=', workspaceId);
    if (!options.includeRemoved) q = q.where('removed_at', 'is', null);
    const rows = await q.orderBy('position').orderBy('id').execute();
    return rows.map(toHabit);
  },
  async update(ex, workspaceId, id, expectedVersion, patch) {
    const result = await kyselyOf(ex)
      .updateTable('habits')
      .set((eb) => ({
        ...(patch.position !== undefined && { position: patch.position }),
        ...(patch.key !== undefined && { key: patch.key }),
        ...(patch.name !== undefined && { name: patch.name }),
        ...(patch.description !== undefined && { description: patch.description }),
        ...(patch.removedAt !== undefined && { removed_at: patch.removedAt }),
        version: eb('version', '+', 1),
      }))
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', id)
      .where('version', '=', expectedVersion)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  },
};
