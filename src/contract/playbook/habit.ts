import { Type, type Static } from 'typebox';
import type { Playbook } from '../../core/playbook/flows/manage-playbook.ts';
import type { Habit } from '../../core/playbook/ports.ts';

/** Exactly the fields of a habit that leave the API. */
export const HabitView = Type.Object({
  id: Type.String(),
  position: Type.Integer({ description: 'Its number in the playbook, from 1' }),
  key: Type.String({ description: 'How a checklist names it, e.g. "plan"' }),
  name: Type.String(),
  description: Type.String(),
});

export const PlaybookView = Type.Object(
  {
    habits: Type.Array(HabitView),
    version: Type.String({ description: 'Send it back when setting the playbook' }),
  },
  { $id: 'Playbook' },
);

export function presentHabit(h: Habit): Static<typeof HabitView> {
  return { id: h.id, position: h.position, key: h.key, name: h.name, description: h.description };
}

export function presentPlaybook(p: Playbook): Static<typeof PlaybookView> {
  return { habits: p.habits.map(presentHabit), version: p.version };
}
