import { Temporal } from 'temporal-polyfill';
import type { ContactRepository } from '../../accounts/ports.ts';
import { localDateTimeOf } from '../../calendar/index.ts';
import {
  completeCommitment,
  type CompleteCommitmentDeps,
} from '../../commitments/flows/manage-commitments.ts';
import type { CommitmentRepository } from '../../commitments/ports.ts';
import type { Commitment } from '../../commitments/types.ts';
import type { DealRepository } from '../../deals/ports.ts';
import type { Deal } from '../../deals/types.ts';
import { extractCommitments } from '../../extraction/index.ts';
import { toStoredInstant } from '../../time/dates.ts';
import type { WriteDeps } from '../../kernel/deps.ts';
import { conflict, invalid, notFound } from '../../kernel/errors.ts';
import type { Executor, TransactionRunner } from '../../kernel/transactions.ts';
import { recordTouch, type RecordTouchDeps } from '../../touches/record-touch.ts';
import type { MemberRepository } from '../../workspaces/ports.ts';
import type { Actor, Member } from '../../workspaces/types.ts';
import type { SenderVerdict } from '../authentication.ts';
import { matchPromises } from '../match.ts';
import type { MailRepository } from '../ports.ts';
import { splitBody } from '../quotes.ts';
import type {
  MailAddress,
  MailDirection,
  MailMatch,
  MailMessage,
  MailSource,
  ProposedPromise,
} from '../types.ts';

/*
 * Filing one e-mail (issue 18). The sender must be a member (a forward: the forwarder, with the
 * original sender and recipients read from the forwarded headers), or a contact writing to a
 * member. The addresses on the other side match contacts, so accounts, so the member's open
 * deals: one deal files it (a touch of kind `email` at its sent time, promise matches proposed,
 * new promises read from it); several ask which; none leave it unfiled in the Inbox. A message
 * is filed once per workspace, by its Message-ID.
 */

export type FileMailDeps = WriteDeps &
  RecordTouchDeps & {
    mail: MailRepository;
    members: Pick<MemberRepository, 'findByEmail' | 'findById' | 'listByWorkspace'>;
    contacts: Pick<ContactRepository, 'list'>;
    deals: Pick<DealRepository, 'listVisible' | 'findVisible'>;
    commitments: Pick<CommitmentRepository, 'listVisible'>;
  };

export interface IncomingMail {
  workspaceId: string;
  /** The Message-ID, or a digest of the raw message when it has none. */
  messageKey: string;
  source: MailSource;
  from: MailAddress | null;
  to: readonly MailAddress[];
  cc: readonly MailAddress[];
  /** The Date header as an instant; the receiving time when missing. */
  sentAt: string | null;
  subject: string;
  text: string;
  attachments: readonly { name: string; size: number }[];
  size: number;
  /** Momentum's own mailbox addresses (the BCC address), never a customer. */
  ownAddresses?: readonly string[];
  /**
   * The member who handed the message in themselves (an upload): it is filed only when it is
   * theirs (they wrote it, forwarded their own, or received it), and otherwise refused without
   * being recorded, so that nobody files mail for another member, nor takes its Message-ID.
   */
  onlyFor?: string;
  /** Whether the receiving server authenticated the From address (MAIL_AUTHSERV_ID); absent
   * when nobody asked. */
  senderVerdict?: SenderVerdict;
}

function notYours(): never {
  throw invalid(
    'Only your own messages are filed for you: upload e-mail you wrote or received yourself.',
  );
}

export interface MatchView {
  match: MailMatch;
  commitment: Pick<Commitment, 'id' | 'text' | 'due' | 'side' | 'state'>;
}

export interface FileMailResult {
  message: MailMessage;
  /** True when this message had been read before: nothing was filed again. */
  duplicate: boolean;
  deal: Pick<Deal, 'id' | 'title'> | null;
  candidates: Pick<Deal, 'id' | 'title'>[];
  matches: MatchView[];
}

interface Reading {
  member: Member | null;
  direction: MailDirection | null;
  counterpart: string[];
  reason: string | null;
}

const lower = (a: MailAddress) => a.address.toLowerCase();

async function whoIsWho(
  deps: FileMailDeps,
  ex: Executor,
  mail: IncomingMail,
  text: string,
): Promise<Reading> {
  const own = new Set((mail.ownAddresses ?? []).map((a) => a.toLowerCase()));
  const from = mail.from ? lower(mail.from) : null;
  if (!from)
    return { member: null, direction: null, counterpart: [], reason: 'The message has no sender.' };
  const sender = await deps.members.findByEmail(ex, mail.workspaceId, from);
  const forwarded = splitBody(text, /^\s*(?:fw|fwd|wg|tr)\s*:/i.test(mail.subject)).forwarded;
  const members = await deps.members.listByWorkspace(ex, mail.workspaceId);
  const memberAddresses = new Set(
    members.filter((m) => !m.removedAt).map((m) => m.email.toLowerCase()),
  );
  const others = (list: readonly MailAddress[]) =>
    [...new Set(list.map(lower))].filter((a) => !own.has(a) && !memberAddresses.has(a));
  if (sender && !sender.removedAt) {
    if (mail.senderVerdict && !mail.senderVerdict.authenticated) {
      return {
        member: null,
        direction: null,
        counterpart: [],
        reason: `The message says it is from ${from}, but it could not be authenticated: ${mail.senderVerdict.why}. Only members' own messages are filed for them.`,
      };
    }
    if (forwarded?.headers.from) {
      const original = lower(forwarded.headers.from);
      if (original === from) {
        return {
          member: sender,
          direction: 'outgoing',
          counterpart: others([...forwarded.headers.to, ...forwarded.headers.cc]),
          reason: null,
        };
      }
      if (memberAddresses.has(original)) {
        return {
          member: null,
          direction: null,
          counterpart: [],
          reason: `Forwarded a message written by another member (${original}); only members' own messages are filed for them.`,
        };
      }
      return { member: sender, direction: 'incoming', counterpart: [original], reason: null };
    }
    return {
      member: sender,
      direction: 'outgoing',
      counterpart: others([...mail.to, ...mail.cc]),
      reason: null,
    };
  }
  // A contact writing to a member (who BCCs or forwards it in, or has it delivered here).
  const recipient = members.find(
    (m) => !m.removedAt && [...mail.to, ...mail.cc].some((a) => lower(a) === m.email.toLowerCase()),
  );
  if (recipient) {
    return { member: recipient, direction: 'incoming', counterpart: [from], reason: null };
  }
  return {
    member: null,
    direction: null,
    counterpart: [],
    reason: `The sender ${from} is not a member of this workspace, and no member received it.`,
  };
}

const actorOf = (m: Member): Actor => ({
  memberId: m.id,
  workspaceId: m.workspaceId,
  role: m.role,
});

function newPromises(member: Member, text: string, sentAt: Temporal.Instant): ProposedPromise[] {
  const local = localDateTimeOf(sentAt, member.timeZone);
  const result = extractCommitments(text, {
    at: `${local.date}T${local.time}`,
    timeZone: member.timeZone,
    region: member.region,
    lead: member.leadDays,
    weekend: member.weekend,
    daysOff: member.daysOff,
    ours: [member.name],
    theirs: [],
  });
  return result.commitments
    .filter((c) => c.side === 'ours')
    .map((c) => ({
      side: c.side,
      text: c.text,
      due: c.due,
      dueTime: c.dueTime,
      target: c.target,
      sentence: c.sentence,
    }));
}

async function matchOnDeal(
  deps: FileMailDeps,
  tx: Executor,
  member: Member,
  message: MailMessage,
  deal: Deal,
  attachmentNames: readonly string[],
): Promise<MatchView[]> {
  const open = await deps.commitments.listVisible(tx, actorOf(member), {
    dealId: deal.id,
    state: 'open',
  });
  const results = matchPromises(
    { subject: message.subject, text: message.bodyText, attachmentNames },
    open.map((c) => ({ id: c.id, side: c.side, text: c.text })),
    message.direction ?? 'outgoing',
  );
  const views: MatchView[] = [];
  for (const r of results) {
    if (r.band === 'none') continue;
    const match: MailMatch = {
      id: deps.ids('mailMatch'),
      workspaceId: message.workspaceId,
      mailMessageId: message.id,
      commitmentId: r.promiseId,
      band: r.band,
      score: r.score,
      matched: r.matched,
      reasons: r.reasons,
      state: 'proposed',
      createdAt: toStoredInstant(deps.clock.now()),
      decidedAt: null,
    };
    await deps.mail.insertMatch(tx, match);
    const c = open.find((x) => x.id === r.promiseId)!;
    views.push({
      match,
      commitment: { id: c.id, text: c.text, due: c.due, side: c.side, state: c.state },
    });
  }
  return views;
}

/** Files the message on one deal: the e-mail touch and the promise matches. */
async function fileOnDeal(
  deps: FileMailDeps,
  tx: Executor,
  member: Member,
  message: MailMessage,
  deal: Deal,
): Promise<{ message: MailMessage; matches: MatchView[] }> {
  const touch = await recordTouch(deps, tx, {
    workspaceId: message.workspaceId,
    dealId: deal.id,
    memberId: member.id,
    kind: 'email',
    at: message.sentAt,
    text: message.subject || '(no subject)',
  });
  const filed: MailMessage = {
    ...message,
    status: 'filed',
    reason: null,
    dealId: deal.id,
    touchId: touch.id,
  };
  const matches = await matchOnDeal(
    deps,
    tx,
    member,
    filed,
    deal,
    message.attachments.map((a) => a.name),
  );
  return { message: filed, matches };
}

const summary = (d: Deal) => ({ id: d.id, title: d.title });

export async function fileMail(deps: FileMailDeps, mail: IncomingMail): Promise<FileMailResult> {
  return deps.runner.transaction(async (tx) => {
    const existing = await deps.mail.findByKey(tx, mail.workspaceId, mail.messageKey);
    if (existing && existing.status !== 'refused') {
      if (mail.onlyFor !== undefined && existing.memberId !== mail.onlyFor) notYours();
      const matches = await viewsOf(deps, tx, existing);
      return { message: existing, duplicate: true, deal: null, candidates: [], matches };
    }
    // A message refused before is read again, under the same id: what refused it may have been
    // put right since (its sender made a member, an address added to MAIL_ADDRESS), and a
    // stranger who sent a copy first must not keep the member's own from being filed. A refused
    // message has nothing hanging on it (no touch, no proposals).
    if (existing) await deps.mail.remove(tx, existing.id);
    const now = deps.clock.now();
    let sent = now;
    if (mail.sentAt) {
      try {
        sent = Temporal.Instant.from(mail.sentAt);
      } catch {
        sent = now;
      }
    }
    // A clock running ahead on the sender's machine must not date a kept promise in the future.
    if (Temporal.Instant.compare(sent, now) > 0) sent = now;
    const split = splitBody(mail.text, /^\s*(?:fw|fwd|wg|tr)\s*:/i.test(mail.subject));
    const reading = await whoIsWho(deps, tx, mail, mail.text);
    if (mail.onlyFor !== undefined && reading.member?.id !== mail.onlyFor) notYours();
    let message: MailMessage = {
      id: existing?.id ?? deps.ids('mail'),
      workspaceId: mail.workspaceId,
      messageKey: mail.messageKey,
      source: mail.source,
      direction: reading.direction,
      memberId: reading.member?.id ?? null,
      fromAddress: mail.from?.address.toLowerCase() ?? null,
      recipients: reading.counterpart,
      subject: mail.subject,
      sentAt: toStoredInstant(sent),
      bodyText: mail.text,
      attachments: mail.attachments.map((a) => ({ name: a.name, size: a.size })),
      sizeBytes: mail.size,
      status: 'refused',
      reason: reading.reason,
      dealId: null,
      candidateDealIds: [],
      touchId: null,
      proposedPromises: [],
      receivedAt: toStoredInstant(now),
    };
    const member = reading.member;
    if (!member) {
      await deps.mail.insert(tx, message);
      return { message, duplicate: false, deal: null, candidates: [], matches: [] };
    }
    if (reading.direction === 'outgoing') {
      const own = [split.own, split.forwarded?.own ?? ''].filter(Boolean).join('\n\n');
      message.proposedPromises = newPromises(member, own, sent);
    }
    const contacts = await deps.contacts.list(tx, mail.workspaceId, {});
    const wanted = new Set(reading.counterpart);
    const accountIds = [
      ...new Set(
        contacts
          .filter((c) => c.email && wanted.has(c.email.toLowerCase()))
          .map((c) => c.accountId),
      ),
    ];
    const deals: Deal[] = [];
    for (const accountId of accountIds) {
      deals.push(
        ...(await deps.deals.listVisible(tx, actorOf(member), { accountId, status: 'open' })),
      );
    }
    if (deals.length === 1) {
      message.status = 'filed';
      await deps.mail.insert(tx, { ...message, status: 'unfiled' });
      const filed = await fileOnDeal(deps, tx, member, message, deals[0]!);
      await deps.mail.update(tx, message.id, {
        status: 'filed',
        reason: null,
        dealId: filed.message.dealId,
        touchId: filed.message.touchId,
      });
      return {
        message: filed.message,
        duplicate: false,
        deal: summary(deals[0]!),
        candidates: [],
        matches: filed.matches,
      };
    }
    if (deals.length > 1) {
      message = {
        ...message,
        status: 'ambiguous',
        reason: `${deals.length} open deals fit: choose one.`,
        candidateDealIds: deals.map((d) => d.id),
      };
    } else {
      message = {
        ...message,
        status: 'unfiled',
        reason:
          wanted.size === 0
            ? 'No customer address on the message.'
            : accountIds.length === 0
              ? `No contact has the address ${[...wanted].join(', ')}.`
              : 'The contacts’ accounts have no open deal you can see.',
      };
    }
    await deps.mail.insert(tx, message);
    return {
      message,
      duplicate: false,
      deal: null,
      candidates: deals.map(summary),
      matches: [],
    };
  });
}

async function viewsOf(
  deps: FileMailDeps,
  ex: Executor,
  message: MailMessage,
): Promise<MatchView[]> {
  const matches = await deps.mail.listMatches(ex, message.workspaceId, {
    mailMessageId: message.id,
  });
  if (!message.memberId || matches.length === 0) return [];
  const member = await deps.members.findById(ex, message.workspaceId, message.memberId);
  if (!member) return [];
  const open = message.dealId
    ? await deps.commitments.listVisible(ex, actorOf(member), { dealId: message.dealId })
    : [];
  return matches.flatMap((match) => {
    const c = open.find((x) => x.id === match.commitmentId);
    return c
      ? [
          {
            match,
            commitment: { id: c.id, text: c.text, due: c.due, side: c.side, state: c.state },
          },
        ]
      : [];
  });
}

function requireOwnMessage(actor: Actor, message: MailMessage): void {
  if (message.memberId !== actor.memberId && actor.role === 'rep') {
    throw notFound('mail message', message.id);
  }
}

/** Files an ambiguous or unfiled message on a deal the member chose (Today's ask, the Inbox). */
export async function fileMailOnDeal(
  deps: FileMailDeps,
  actor: Actor,
  mailId: string,
  dealId: string,
): Promise<FileMailResult> {
  return deps.runner.transaction(async (tx) => {
    const message = await deps.mail.findById(tx, actor.workspaceId, mailId);
    if (!message) throw notFound('mail message', mailId);
    requireOwnMessage(actor, message);
    if (message.status === 'filed')
      throw conflict(`The message is already filed on ${message.dealId}.`);
    if (!message.memberId) throw invalid(`The message was refused: ${message.reason ?? ''}`.trim());
    const member = await deps.members.findById(tx, actor.workspaceId, message.memberId);
    if (!member) throw notFound('member', message.memberId);
    const deal = await deps.deals.findVisible(tx, actorOf(member), dealId);
    if (!deal) throw notFound('deal', dealId);
    const filed = await fileOnDeal(deps, tx, member, message, deal);
    await deps.mail.update(tx, message.id, {
      status: 'filed',
      reason: null,
      dealId: deal.id,
      touchId: filed.message.touchId,
      candidateDealIds: [],
    });
    return {
      message: filed.message,
      duplicate: false,
      deal: summary(deal),
      candidates: [],
      matches: filed.matches,
    };
  });
}

/** Messages waiting for a person: ambiguous (which deal?) and unfiled, newest first. */
export async function listInbox(
  deps: Pick<FileMailDeps, 'runner' | 'mail'>,
  actor: Actor,
  /** mine: only the actor's own messages (Today asks only about one's own e-mail);
   * status: only these. */
  options: { mine?: boolean; status?: readonly ('ambiguous' | 'unfiled')[] } = {},
): Promise<MailMessage[]> {
  return deps.mail.listByStatus(
    deps.runner.executor,
    actor.workspaceId,
    options.status?.length ? options.status : ['ambiguous', 'unfiled'],
    actor.role === 'rep' || options.mine ? actor.memberId : null,
  );
}

/** Open proposals that a filed message keeps a promise, for Today. */
export async function listMailProposals(
  deps: Pick<FileMailDeps, 'runner' | 'mail' | 'members' | 'commitments'>,
  actor: Actor,
): Promise<(MatchView & { message: Pick<MailMessage, 'id' | 'subject' | 'sentAt' | 'dealId'> })[]> {
  const ex = deps.runner.executor;
  const matches = await deps.mail.listMatches(ex, actor.workspaceId, { state: 'proposed' });
  const out = [];
  for (const match of matches) {
    const message = await deps.mail.findById(ex, actor.workspaceId, match.mailMessageId);
    if (!message || message.memberId !== actor.memberId || !message.dealId) continue;
    const open = await deps.commitments.listVisible(ex, actor, {
      dealId: message.dealId,
      state: 'open',
    });
    const c = open.find((x) => x.id === match.commitmentId);
    if (!c) continue;
    out.push({
      match,
      commitment: { id: c.id, text: c.text, due: c.due, side: c.side, state: c.state },
      message: {
        id: message.id,
        subject: message.subject,
        sentAt: message.sentAt,
        dealId: message.dealId,
      },
    });
  }
  return out;
}

export type KeepMailDeps = FileMailDeps & CompleteCommitmentDeps;

/** Confirms a proposal: the promise is kept at the e-mail's sent time (early/on-time/late). */
export async function keepMailMatch(
  deps: KeepMailDeps,
  actor: Actor,
  matchId: string,
): Promise<{ match: MailMatch; commitment: Commitment }> {
  const ex = deps.runner.executor;
  const match = await deps.mail.findMatch(ex, actor.workspaceId, matchId);
  if (!match) throw notFound('mail match', matchId);
  const message = await deps.mail.findById(ex, actor.workspaceId, match.mailMessageId);
  if (!message) throw notFound('mail message', match.mailMessageId);
  requireOwnMessage(actor, message);
  if (match.state !== 'proposed')
    throw conflict(`The proposal ${matchId} is already ${match.state}.`);
  const at = toStoredInstant(deps.clock.now());
  // One transaction: the promise is kept and the proposal settled together, or neither.
  const commitment = await deps.runner.transaction(async (tx) => {
    const current = await deps.mail.findMatch(tx, actor.workspaceId, matchId);
    if (current?.state !== 'proposed')
      throw conflict(`The proposal ${matchId} is already ${current?.state ?? 'gone'}.`);
    const joined: TransactionRunner = { executor: tx, transaction: (fn) => fn(tx) };
    const kept = await completeCommitment({ ...deps, runner: joined }, actor, match.commitmentId, {
      at: message.sentAt,
    });
    await deps.mail.setMatchState(tx, match.id, 'kept', at);
    // The other proposals for the same promise are settled by it.
    const others = await deps.mail.listMatches(tx, actor.workspaceId, { state: 'proposed' });
    for (const o of others) {
      if (o.commitmentId === match.commitmentId)
        await deps.mail.setMatchState(tx, o.id, 'dismissed', at);
    }
    return kept;
  });
  return { match: { ...match, state: 'kept', decidedAt: at }, commitment };
}

/** "Not this": the proposal is dismissed; the promise stays open. */
export async function dismissMailMatch(
  deps: Pick<FileMailDeps, 'runner' | 'mail' | 'clock'>,
  actor: Actor,
  matchId: string,
): Promise<MailMatch> {
  return deps.runner.transaction(async (tx) => {
    const match = await deps.mail.findMatch(tx, actor.workspaceId, matchId);
    if (!match) throw notFound('mail match', matchId);
    const message = await deps.mail.findById(tx, actor.workspaceId, match.mailMessageId);
    if (!message) throw notFound('mail message', match.mailMessageId);
    requireOwnMessage(actor, message);
    if (match.state !== 'proposed')
      throw conflict(`The proposal ${matchId} is already ${match.state}.`);
    const at = toStoredInstant(deps.clock.now());
    await deps.mail.setMatchState(tx, match.id, 'dismissed', at);
    return { ...match, state: 'dismissed', decidedAt: at };
  });
}
