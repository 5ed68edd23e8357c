import type { SecretGenerator } from '../../core/auth/ports.ts';
import { composeDigest } from '../../core/notifications/digest-content.ts';
import {
  ensurePreferences,
  unsubscribeToken,
} from '../../core/notifications/flows/digest-preferences.ts';
import { DEFAULT_DIGEST_TIME, digestDueDate } from '../../core/notifications/digest-schedule.ts';
import {
  EMAIL_NOT_CONFIGURED,
  type DigestRepository,
  type Mailer,
  type MessageSigner,
} from '../../core/notifications/ports.ts';
import { getMarch, type MarchDeps } from '../../core/march/march-report.ts';
import { parseIsoDate, toStoredInstant, type IsoDate } from '../../core/time/dates.ts';
import type { Clock } from '../../core/kernel/clock.ts';
import type { IdGenerator } from '../../core/kernel/ids.ts';
import type { TransactionRunner } from '../../core/kernel/transactions.ts';
import { getToday, type TodayDeps } from '../../core/today/get-today.ts';
import type { WorkspaceRepository } from '../../core/workspaces/ports.ts';
import type { Actor } from '../../core/workspaces/types.ts';
import type { Temporal } from 'temporal-polyfill';
import type { AppContext } from '../context.ts';

/*
 * The daily digest, sent once per member and local date.
 *
 * Exactly once, as far as SMTP allows: the send is claimed by inserting (member, local date)
 * into `digest_sends`, whose unique index lets one claim win however many servers, retries or
 * operators try at once; the winner commits the claim, then talks to the SMTP server, then
 * records the outcome.
 *
 * Trade-off chosen: AT MOST ONCE. A digest is a reminder, and two copies teach people to ignore
 * it, while one missed morning costs little (Today is still in the app). So:
 * - the SMTP server refuses or the connection fails → the claim is released (`failed`) and a
 *   retry (the next tick, or `momentum digest send`) may claim it again;
 * - the process dies between the claim and the SMTP answer → the row stays `sending` and is
 *   never sent again automatically: the message may or may not have left, and we do not risk a
 *   second one. An operator sees it in `digest_sends` (status `sending`, `claimed_at`).
 * The one gap left: an SMTP server that accepted the message but whose answer was lost (a
 * timeout after DATA) reads as a failure, so a retry can deliver it twice; SMTP gives no way to
 * ask whether a message was taken.
 */

/** What sending needs, and nothing more. */
export type DigestDeps = TodayDeps &
  Pick<MarchDeps, 'touches'> & {
    runner: TransactionRunner;
    clock: Clock;
    ids: IdGenerator;
    secrets: Pick<SecretGenerator, 'newToken'>;
    members: MarchDeps['members'];
    workspaces: Pick<WorkspaceRepository, 'findById'>;
    digests: DigestRepository;
    mailer: Mailer;
    signer: MessageSigner;
    publicUrl: string;
  };

export type DigestOutcome = 'sent' | 'already-sent' | 'skipped';

export interface DigestResult {
  outcome: DigestOutcome;
  /** Why it was skipped, in words. */
  reason?: string;
  to?: string;
  localDate: IsoDate;
}

export interface DigestKey {
  workspaceId: string;
  memberId: string;
  localDate: IsoDate;
}

/** The link that turns the digest off in one click, without signing in. */
export function unsubscribeUrl(publicUrl: string, token: string): string {
  return `${publicUrl}/unsubscribe/${encodeURIComponent(token)}`;
}

/** Sends one member's digest for a local date, with the reason when it does not. */
export async function sendDigestNow(deps: DigestDeps, key: DigestKey): Promise<DigestResult> {
  const localDate = parseIsoDate(key.localDate).toString();
  const ex = deps.runner.executor;
  const skipped = (reason: string): DigestResult => ({ outcome: 'skipped', reason, localDate });
  if (!deps.mailer.configured) return skipped(EMAIL_NOT_CONFIGURED);
  const member = await deps.members.findById(ex, key.workspaceId, key.memberId);
  if (!member || member.removedAt) return skipped('No such member (or no longer a member).');
  const done = await deps.digests.findSend(ex, member.id, localDate);
  if (done && done.status !== 'failed') {
    return { outcome: 'already-sent', to: member.email, localDate };
  }

  // Composed before the claim: a failure here claims nothing.
  const actor: Actor = { memberId: member.id, workspaceId: member.workspaceId, role: member.role };
  const [agenda, march, workspace] = await Promise.all([
    getToday(deps, actor, { date: localDate }),
    getMarch(deps, actor, { date: localDate }),
    deps.workspaces.findById(ex, member.workspaceId),
  ]);

  const claimed = await deps.runner.transaction(async (tx) => {
    const prefs = await ensurePreferences(deps, tx, member);
    if (!prefs.enabled) return { prefs, won: null };
    const won = await deps.digests.claim(tx, {
      id: deps.ids('digestSend'),
      workspaceId: member.workspaceId,
      memberId: member.id,
      localDate,
      at: toStoredInstant(deps.clock.now()),
    });
    return { prefs, won };
  });
  if (claimed.won === null) return skipped('The digest is turned off for this member.');
  if (!claimed.won) return { outcome: 'already-sent', to: member.email, localDate };

  const unsubscribe = unsubscribeUrl(deps.publicUrl, unsubscribeToken(deps.signer, claimed.prefs));
  const content = composeDigest(
    agenda,
    march,
    { publicUrl: deps.publicUrl, unsubscribeUrl: unsubscribe },
    workspace?.name ?? 'Momentum',
  );
  try {
    await deps.mailer.send({
      to: { name: member.name, address: member.email },
      ...content,
      headers: {
        // RFC 2369 and RFC 8058: mail clients offer their own one-click unsubscribe button.
        'List-Unsubscribe': `<${unsubscribe}>`,
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
        'Auto-Submitted': 'auto-generated',
      },
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await deps.runner.transaction((tx) =>
      deps.digests.markFailed(tx, member.id, localDate, message),
    );
    throw error;
  }
  await deps.runner.transaction((tx) =>
    deps.digests.markSent(tx, member.id, localDate, toStoredInstant(deps.clock.now())),
  );
  return { outcome: 'sent', to: member.email, localDate };
}

/**
 * Sends a member's digest for a local date: 'sent', 'already-sent' (this or another server did,
 * or is doing it) or 'skipped' (e-mail not configured, digest off, not a member). SMTP errors
 * are thrown after the claim is released, so the caller's retry can send it.
 */
export async function sendDailyDigest(deps: DigestDeps, key: DigestKey): Promise<DigestOutcome> {
  return (await sendDigestNow(deps, key)).outcome;
}

/**
 * Who is due a digest at an instant: live members whose chosen local time has come today in
 * their own zone, on one of their business days (weekend, holidays of their region, days off),
 * with the digest on, and none sent or being sent for that local date.
 */
export async function membersDueForDigest(
  deps: Pick<DigestDeps, 'runner' | 'digests'>,
  nowInstant: Temporal.Instant,
): Promise<DigestKey[]> {
  const ex = deps.runner.executor;
  const due: DigestKey[] = [];
  for (const { member, preferences } of await deps.digests.listMembers(ex)) {
    const localDate = digestDueDate(
      member,
      preferences ?? { enabled: true, sendAt: DEFAULT_DIGEST_TIME },
      nowInstant,
    );
    if (localDate) due.push({ workspaceId: member.workspaceId, memberId: member.id, localDate });
  }
  if (due.length === 0) return due;
  const taken = await deps.digests.claimedOn(ex, due);
  return due.filter((d) => !taken.has(`${d.memberId}|${d.localDate}`));
}

/** The AppContext satisfies DigestDeps (a compile-time check). */
export const digestDepsOf = (ctx: AppContext): DigestDeps => ctx;

/**
 * The digest's side of the job queue (src/app/jobs): who is due now, and sending one. Null when
 * e-mail is not configured, so no server schedules digests it could only skip.
 */
export function digestJobsOf(ctx: AppContext): {
  scheduler: { membersDueForDigest(now: Temporal.Instant): Promise<DigestKey[]> };
  sender: { sendDailyDigest(target: DigestKey): Promise<DigestOutcome> };
} | null {
  if (!ctx.mailer.configured) return null;
  return {
    scheduler: { membersDueForDigest: (now) => membersDueForDigest(ctx, now) },
    sender: { sendDailyDigest: (target) => sendDailyDigest(ctx, target) },
  };
}
