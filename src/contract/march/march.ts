import { Type, type Static } from 'typebox';
import type { MarchReport } from '../../core/march/march-report.ts';
import type { Member } from '../../core/workspaces/types.ts';

export const MarchView = Type.Object(
  {
    date: Type.String(),
    memberId: Type.String(),
    floor: Type.Integer(),
    ceiling: Type.Integer(),
    done: Type.Integer(),
    streak: Type.Integer(),
    consistency: Type.Number({
      minimum: 0,
      maximum: 1,
      description:
        '1 − the coefficient of variation of touches per business day over the last 20, clipped to 0..1',
    }),
    days: Type.Array(
      Type.Object({
        date: Type.String(),
        touches: Type.Integer(),
        band: Type.Union(
          [Type.Literal('stall'), Type.Literal('on'), Type.Literal('rush'), Type.Literal('open')],
          { description: 'open: today, under the floor but not over yet' },
        ),
      }),
    ),
  },
  { $id: 'March' },
);

export function presentMarch(m: MarchReport): Static<typeof MarchView> {
  return {
    date: m.date,
    memberId: m.memberId,
    floor: m.floor,
    ceiling: m.ceiling,
    done: m.done,
    streak: m.streak,
    consistency: m.consistency,
    days: m.days,
  };
}

/** A member's march and calendar settings: what Today and early targets are computed from. */
export const MarchSettingsView = Type.Object(
  {
    memberId: Type.String(),
    floor: Type.Integer(),
    ceiling: Type.Integer(),
    lead: Type.Integer(),
    timeZone: Type.String(),
    region: Type.String(),
    weekend: Type.Array(Type.String()),
    daysOff: Type.Array(Type.String()),
    version: Type.Integer(),
  },
  { $id: 'MarchSettings' },
);

export function presentMarchSettings(m: Member): Static<typeof MarchSettingsView> {
  return {
    memberId: m.id,
    floor: m.marchFloor,
    ceiling: m.marchCeiling,
    lead: m.leadDays,
    timeZone: m.timeZone,
    region: m.region,
    weekend: m.weekend,
    daysOff: m.daysOff,
    version: m.version,
  };
}
