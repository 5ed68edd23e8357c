import type { HabitRepository } from '../../core/playbook/ports.ts';
import { kyselyOf } from '../executor.ts';

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
        removed_at: null,
        version: h.version,
      })
      .execute();
  },
  async list(ex, workspaceId) {
    const rows = await kyselyOf(ex)
      .selectFrom('habits')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('removed_at', 'is', null)
      .orderBy('position')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      workspaceId: r.workspace_id,
      position: r.position,
      key: r.key,
      name: r.name,
      description: r.description,
      version: r.version,
    }));
  },
};
