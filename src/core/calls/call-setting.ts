import { Temporal } from 'temporal-polyfill';
import type { AccountRepository, ContactRepository } from '../accounts/ports.ts';
import {
  assertTimeZone,
  localDateTimeOf,
  resolveMoment,
  type LocalDateTime,
} from '../calendar/index.ts';
import { requireVisibleDeal } from '../deals/rules.ts';
import type { DealRepository } from '../deals/ports.ts';
import type { Deal } from '../deals/types.ts';
import type { ExtractionContext } from '../extraction/index.ts';
import type { Clock } from '../kernel/clock.ts';
import { invalid, notFound } from '../kernel/errors.ts';
import type { Executor } from '../kernel/transactions.ts';
import type { MemberRepository } from '../workspaces/ports.ts';
import type { Actor, Member } from '../workspaces/types.ts';
import { resolveAttendees, type AttendeeInput } from './attendees.ts';
import type { CallAttendee } from './types.ts';

export type CallSettingDeps = {
  clock: Clock;
  deals: DealRepository;
  members: Pick<MemberRepository, 'findById' | 'listByWorkspace'>;
  contacts: Pick<ContactRepository, 'list'>;
  accounts: Pick<AccountRepository, 'findById'>;
};

export interface CallSettingInput {
  dealId: string;
  /** A local date-time in the call's zone ("2026-11-24T10:00") or an instant with an offset. */
  at: string;
  /** Where the call was held; the logging member's zone by default. */
  timeZone?: string | null;
  attendees?: readonly AttendeeInput[];
}

/** Everything about a call that does not depend on what was said in it. */
export interface CallSetting {
  deal: Deal;
  /** Who is logging it. */
  logger: Member;
  /** The deal's owner: promises are theirs, on their calendar. */
  owner: Member;
  startedAt: Temporal.Instant;
  timeZone: string;
  /** The start in the call's own zone. */
  local: LocalDateTime;
  /** The start on the owner's wall clock: the day promises were made. */
  ownerLocal: LocalDateTime;
  attendees: CallAttendee[];
  extraction: ExtractionContext;
}

export async function resolveCallSetting(
  deps: CallSettingDeps,
  ex: Executor,
  actor: Actor,
  input: CallSettingInput,
): Promise<CallSetting> {
  if (!input.at?.trim())
    throw invalid('Say when the call started (a date-time like 2026-11-24T10:00).');
  const deal = await requireVisibleDeal(deps, ex, actor, input.dealId);
  const logger = await deps.members.findById(ex, actor.workspaceId, actor.memberId);
  if (!logger) throw notFound('member', actor.memberId);
  const owner =
    deal.ownerId === logger.id
      ? logger
      : await deps.members.findById(ex, deal.workspaceId, deal.ownerId);
  if (!owner) throw notFound('member', deal.ownerId);
  const timeZone = assertTimeZone(input.timeZone?.trim() || logger.timeZone, 'call time zone');
  const moment = resolveMoment(input.at, timeZone, 'The call time');
  if (Temporal.Instant.compare(moment.instant, deps.clock.now()) > 0) {
    throw invalid(
      'A call is logged after it happened; its start cannot be in the future (book a future meeting as the next step).',
    );
  }
  const members = await deps.members.listByWorkspace(ex, deal.workspaceId);
  const contacts = await deps.contacts.list(ex, deal.workspaceId, { accountId: deal.accountId });
  const attendees = resolveAttendees(input.attendees ?? [], members, contacts);
  const account = await deps.accounts.findById(ex, deal.workspaceId, deal.accountId);
  const ownerLocal = localDateTimeOf(moment.instant, owner.timeZone);
  const ours = new Set([logger.name, owner.name]);
  const theirs = new Set<string>(account ? [account.name] : []);
  for (const a of attendees) (a.side === 'ours' ? ours : theirs).add(a.name);
  return {
    deal,
    logger,
    owner,
    startedAt: moment.instant,
    timeZone,
    local: { date: moment.date, time: moment.time },
    ownerLocal,
    attendees,
    extraction: {
      at: `${ownerLocal.date}T${ownerLocal.time}`,
      timeZone: owner.timeZone,
      region: owner.region,
      lead: owner.leadDays,
      weekend: owner.weekend,
      daysOff: owner.daysOff,
      ours: [...ours],
      theirs: [...theirs],
    },
  };
}
