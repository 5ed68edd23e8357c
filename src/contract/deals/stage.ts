import { Type, type Static } from 'typebox';
import type { Stage } from '../../core/deals/types.ts';

export const StageView = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    position: Type.Integer(),
    neglectDays: Type.Integer(),
    version: Type.Integer(),
  },
  { $id: 'Stage' },
);

export function presentStage(s: Stage): Static<typeof StageView> {
  return {
    id: s.id,
    name: s.name,
    position: s.position,
    neglectDays: s.neglectDays,
    version: s.version,
  };
}
