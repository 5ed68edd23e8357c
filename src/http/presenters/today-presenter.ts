import { Type } from 'typebox';
import type { Stage } from '../../core/deals/types.ts';
import type { DealHealth } from '../../core/momentum/deal-momentum.ts';
import type { NextStep } from '../../core/next-steps/types.ts';
import {
  AGENDA_ACTIONS,
  type AgendaItem,
  type LaterItem,
  type TodayAgenda,
} from '../../core/today/types.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) =>
  Type.Union([t, Type.Null()]);
const DateText = Type.String({ description: 'YYYY-MM-DD, in the member’s zone' });

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
  actions: Type.Array(Type.Union(AGENDA_ACTIONS.map((a) => Type.Literal(a)))),
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
function presentItem(i: AgendaItem) {
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

export function presentToday(t: TodayAgenda) {
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

export const DealHealthView = Type.Object(
  {
    dealId: Type.String(),
    date: DateText,
    neglect: Type.Object({
      neglected: Type.Boolean(),
      reasons: Type.Array(
        Type.Union([
          Type.Literal('no-touch'),
          Type.Literal('no-next-step'),
          Type.Literal('overdue-ours'),
          Type.Literal('unchased-theirs'),
        ]),
      ),
      details: Type.Array(Type.String()),
    }),
    momentum: Type.Object({
      score: Nullable(Type.Integer({ minimum: 0, maximum: 100 })),
      factors: Type.Array(
        Type.Object({
          name: Type.String(),
          value: Nullable(Type.Number()),
          effect: Type.Integer(),
          detail: Type.String(),
        }),
      ),
      trend: Type.Array(Type.Object({ date: DateText, score: Type.Integer() })),
    }),
  },
  { $id: 'DealHealth' },
);

export function presentDealHealth(h: DealHealth) {
  return {
    dealId: h.dealId,
    date: h.date,
    neglect: h.neglect,
    momentum: h.momentum,
  };
}

export const NextStepView = Type.Object(
  {
    id: Type.String(),
    dealId: Type.String(),
    text: Type.String(),
    due: DateText,
    time: Nullable(Type.String()),
    state: Type.Union([
      Type.Literal('open'),
      Type.Literal('done'),
      Type.Literal('replaced'),
      Type.Literal('dropped'),
    ]),
    callId: Nullable(Type.String()),
    createdAt: Type.String(),
    version: Type.Integer(),
  },
  { $id: 'NextStep' },
);

export function presentNextStep(s: NextStep) {
  return {
    id: s.id,
    dealId: s.dealId,
    text: s.text,
    due: s.due,
    time: s.dueTime,
    state: s.state,
    callId: s.callId,
    createdAt: s.createdAt,
    version: s.version,
  };
}

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

export function presentStage(s: Stage) {
  return {
    id: s.id,
    name: s.name,
    position: s.position,
    neglectDays: s.neglectDays,
    version: s.version,
  };
}
