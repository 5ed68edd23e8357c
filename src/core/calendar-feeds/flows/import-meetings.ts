import { recordAudit } from '../../audit/record.ts';
import type { WriteDeps } from '../../kernel/deps.ts';
import { toStoredInstant } from '../../time/dates.ts';
import type { Actor } from '../../workspaces/types.ts';
import type { BookedCallRepository, CalendarMatchReader, OpenDealCandidate } from '../ports.ts';
import type { BookedCall } from '../types.ts';

/** One meeting occurrence read from a calendar file (see app/calendar/read-ics.ts). */
export interface MeetingOccurrence {
  uid: string;
  /** The occurrence's original start for a series (its identity across re-imports), an
   * instant; "single" for an event that does not repeat. */
  occurrence: string;
  startsAt: string;
  endsAt: string;
  title: string;
  location: string | null;
  /** Attendees' and organizer's e-mail addresses, lower-cased. */
  attendees: string[];
  cancelled: boolean;
}

export type MeetingAction = 'created' | 'updated' | 'unchanged' | 'cancelled' | 'skipped';

export interface MeetingResult {
  uid: string;
  occurrence: string;
  startsAt: string;
  title: string;
  action: MeetingAction;
  /** Why it was skipped (or which deal it went to). */
  reason: string | null;
  deal: { id: string; title: string; account: string } | null;
  bookedCallId: string | null;
}

export interface ImportMeetingsReport {
  dryRun: boolean;
  results: MeetingResult[];
  counts: Record<MeetingAction, number>;
}

type ImportDeps = WriteDeps & {
  bookedCalls: BookedCallRepository;
  calendarMatches: CalendarMatchReader;
};

/** Which deal a meeting belongs to: the open deal on the attending contacts' accounts. When
 * several fit, the caller's own deals first, then the one with the soonest next step. */
export function chooseDeal(
  candidates: readonly OpenDealCandidate[],
  actor: Actor,
): { deal: OpenDealCandidate } | { ambiguous: OpenDealCandidate[] } | null {
  if (!candidates.length) return null;
  if (candidates.length === 1) return { deal: candidates[0]! };
  const own = candidates.filter((d) => d.ownerId === actor.memberId);
  const pool = own.length ? own : [...candidates];
  if (pool.length === 1) return { deal: pool[0]! };
  const dated = pool
    .filter((d) => d.nextActivity !== null)
    .sort((a, b) => (a.nextActivity! < b.nextActivity! ? -1 : 1));
  if (dated.length && (dated.length === 1 || dated[0]!.nextActivity !== dated[1]!.nextActivity))
    return { deal: dated[0]! };
  return { ambiguous: pool };
}

const same = (a: BookedCall, o: MeetingOccurrence, dealId: string) =>
  a.title === o.title &&
  a.startsAt === o.startsAt &&
  a.endsAt === o.endsAt &&
  a.location === o.location &&
  a.dealId === dealId &&
  a.state === 'booked';

/**
 * Books the meetings of a calendar file on the deals whose contacts attend. Each occurrence is
 * keyed by its UID and original start, so importing the same file again changes nothing, and an
 * occurrence moved or renamed in the calendar is updated (its SEQUENCE in the feed moves). A
 * meeting cancelled in the calendar cancels the call it booked. With `dryRun`, nothing is
 * written and the report says what would happen.
 */
export async function importMeetings(
  deps: ImportDeps,
  actor: Actor,
  occurrences: readonly MeetingOccurrence[],
  options: { dryRun?: boolean } = {},
): Promise<ImportMeetingsReport> {
  const dryRun = options.dryRun ?? false;
  const now = toStoredInstant(deps.clock.now());
  const run = async (ex: Parameters<Parameters<ImportDeps['runner']['transaction']>[0]>[0]) => {
    const emails = [...new Set(occurrences.flatMap((o) => o.attendees))];
    const contacts = await deps.calendarMatches.contactsByEmail(ex, actor.workspaceId, emails);
    const accountIds = [...new Set(contacts.map((c) => c.accountId))];
    const deals = await deps.calendarMatches.openDealsForAccounts(ex, actor, accountIds);
    const results: MeetingResult[] = [];
    for (const o of occurrences) {
      const base = {
        uid: o.uid,
        occurrence: o.occurrence,
        startsAt: o.startsAt,
        title: o.title,
        deal: null,
        bookedCallId: null,
      };
      const attending = contacts.filter((c) => o.attendees.includes(c.email));
      const existing = await deps.bookedCalls.findByOccurrence(
        ex,
        actor.workspaceId,
        actor.memberId,
        o.uid,
        o.occurrence,
      );
      if (o.cancelled) {
        if (existing && existing.state === 'booked') {
          const cancelled: BookedCall = {
            ...existing,
            state: 'cancelled',
            sequence: existing.sequence + 1,
            updatedAt: now,
          };
          if (!dryRun) await deps.bookedCalls.update(ex, cancelled);
          results.push({
            ...base,
            action: 'cancelled',
            reason: 'cancelled in the calendar',
            bookedCallId: existing.id,
          });
        } else {
          results.push({ ...base, action: 'skipped', reason: 'cancelled in the calendar' });
        }
        continue;
      }
      if (!attending.length) {
        results.push({
          ...base,
          action: 'skipped',
          reason: o.attendees.length
            ? `no attendee is a contact (${o.attendees.join(', ')})`
            : 'it has no attendees',
        });
        continue;
      }
      const accounts = new Set(attending.map((c) => c.accountId));
      const choice = chooseDeal(
        deals.filter((d) => accounts.has(d.accountId)),
        actor,
      );
      if (choice === null) {
        results.push({
          ...base,
          action: 'skipped',
          reason: `no open deal you can see on ${[...new Set(attending.map((c) => c.accountName))].join(', ')}`,
        });
        continue;
      }
      if ('ambiguous' in choice) {
        results.push({
          ...base,
          action: 'skipped',
          reason: `several open deals fit (${choice.ambiguous.map((d) => `${d.title} ${d.id}`).join('; ')}); book it on one by hand`,
        });
        continue;
      }
      const deal = choice.deal;
      const dealRef = { id: deal.id, title: deal.title, account: deal.accountName };
      const reason = `attended by ${attending.map((c) => c.contactName).join(', ')}`;
      if (existing) {
        if (same(existing, o, deal.id)) {
          results.push({
            ...base,
            action: 'unchanged',
            reason,
            deal: dealRef,
            bookedCallId: existing.id,
          });
          continue;
        }
        const updated: BookedCall = {
          ...existing,
          dealId: deal.id,
          title: o.title,
          startsAt: o.startsAt,
          endsAt: o.endsAt,
          location: o.location,
          state: 'booked',
          sequence: existing.sequence + 1,
          updatedAt: now,
        };
        if (!dryRun) await deps.bookedCalls.update(ex, updated);
        results.push({
          ...base,
          action: 'updated',
          reason,
          deal: dealRef,
          bookedCallId: existing.id,
        });
        continue;
      }
      const call: BookedCall = {
        id: deps.ids('bookedCall'),
        workspaceId: actor.workspaceId,
        dealId: deal.id,
        memberId: actor.memberId,
        title: o.title,
        startsAt: o.startsAt,
        endsAt: o.endsAt,
        location: o.location,
        sourceUid: o.uid,
        occurrence: o.occurrence,
        state: 'booked',
        sequence: 0,
        createdAt: now,
        updatedAt: now,
      };
      if (!dryRun) await deps.bookedCalls.insert(ex, call);
      results.push({
        ...base,
        action: 'created',
        reason,
        deal: dealRef,
        bookedCallId: dryRun ? null : call.id,
      });
    }
    const counts: Record<MeetingAction, number> = {
      created: 0,
      updated: 0,
      unchanged: 0,
      cancelled: 0,
      skipped: 0,
    };
    for (const r of results) counts[r.action]++;
    if (!dryRun && counts.created + counts.updated + counts.cancelled > 0) {
      await recordAudit(deps, ex, {
        workspaceId: actor.workspaceId,
        actor,
        action: 'calendar.import',
        entity: 'member',
        entityId: actor.memberId,
        after: { created: counts.created, updated: counts.updated, cancelled: counts.cancelled },
      });
    }
    return { dryRun, results, counts };
  };
  return dryRun ? run(deps.runner.executor) : deps.runner.transaction(run);
}
