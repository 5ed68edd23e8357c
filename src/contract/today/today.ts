import { Type, type Static } from 'typebox';
import {
  AGENDA_ACTIONS,
  type AgendaItem,
  type LaterItem,
  type TodayAgenda,
} from '../../core/today/types.ts';
import { DateText, LiteralUnion, Nullable } from '../shared.ts';

// Nested views carry no $id: one response holds many, and ids must be unique in it.
const itemFields = {
  kind: Type.Union([
    Type.Literal('deliver'),
    Type.Literal('chase'),
    Type.Literal('meet'),
    Type.Literal('revive'),
    Type.Literal('prospect'),
  ]),
  dealId: Nullable(Type.String()),
  accountId: Type.Optional(Type.String()),
  commitmentId: Type.Optional(Type.String()),
  nextStepId: Type.Optional(Type.String()),
  callId: Type.Optional(Type.String()),
  title: Type.String(),
  dealTitle: Nullable(Type.String()),
  reason: Type.String(),
  due: Type.Optional(DateText),
  target: Type.Optional(DateText),
  time: Type.Optional(Type.String({ description: 'HH:MM in the member’s zone' })),
  fixed: Type.Boolean(),
  optional: Type.Boolean(),
  momentum: Type.Optional(Type.Integer({ minimum: 0, maximum: 100 })),
  actions: Type.Array(LiteralUnion(AGENDA_ACTIONS)),
};
const AgendaItemView = Type.Object(itemFields);
const LaterItemView = Type.Object({ ...itemFields, planned: DateText });

export const TodayView = Type.Object(
  {
    date: DateText,
    member: Type.Object({
      id: Type.String(),
      name: Type.String(),
      email: Type.String(),
      timeZone: Type.String(),
    }),
    businessDay: Type.Boolean(),
    dayOff: Nullable(Type.String()),
    march: Type.Object({ floor: Type.Integer(), ceiling: Type.Integer(), done: Type.Integer() }),
    items: Type.Array(AgendaItemView),
    later: Type.Array(LaterItemView),
    unplanned: Type.Integer(),
    open: Type.Object(
      {
        deals: Type.Integer({ description: 'Open deals the member owns' }),
        promises: Type.Integer({
          description: 'Open promises with a target within the planning horizon, or no date',
        }),
      },
      {
        description:
          'When both are 0 nothing is open: an empty list means "log a call, add a deal", not "all on track"',
      },
    ),
  },
  { $id: 'Today' },
);

/** Optional fields leave the API only when they have a value. */
function presentItem(i: AgendaItem): Static<typeof AgendaItemView> {
  return {
    kind: i.kind,
    dealId: i.dealId,
    ...(i.accountId !== null && { accountId: i.accountId }),
    ...(i.commitmentId !== null && { commitmentId: i.commitmentId }),
    ...(i.nextStepId !== null && { nextStepId: i.nextStepId }),
    ...(i.callId !== null && { callId: i.callId }),
    title: i.title,
    dealTitle: i.dealTitle,
    reason: i.reason,
    ...(i.due !== null && { due: i.due }),
    ...(i.target !== null && { target: i.target }),
    ...(i.time !== null && { time: i.time }),
    fixed: i.fixed,
    optional: i.optional,
    ...(i.momentum !== null && { momentum: i.momentum }),
    actions: i.actions,
  };
}

export function presentToday(t: TodayAgenda): Static<typeof TodayView> {
  return {
    date: t.date,
    member: t.member,
    businessDay: t.businessDay,
    dayOff: t.dayOff,
    march: t.march,
    items: t.items.map(presentItem),
    later: t.later.map((i: LaterItem) => ({ ...presentItem(i), planned: i.planned })),
    unplanned: t.unplanned,
    open: t.open,
  };
}
