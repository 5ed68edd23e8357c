import { Temporal } from 'temporal-polyfill';
import { localDateOf } from '../../calendar/index.ts';
import {
  insertCommitment,
  type CommitmentDeps,
} from '../../commitments/flows/manage-commitments.ts';
import type { Commitment } from '../../commitments/types.ts';
import { conflict, invalid, notFound } from '../../kernel/errors.ts';
import type { Actor } from '../../workspaces/types.ts';
import type { FileMailDeps } from './file-message.ts';
import type { MailMessage, ProposedPromise } from '../types.ts';

/*
 * New promises read from an outgoing e-mail ("I'll send the contract by Tuesday"): proposed on
 * the message, and turned into a real `ours` promise on the message's deal only when the member
 * says so, like a call's. Each proposal is decided once: the decision (and the promise it made)
 * is recorded on the message with a compare-and-set, so accepting twice never makes two.
 * Proposals are numbered from 1, as the CLI and the API show them.
 */

export type AcceptPromiseDeps = FileMailDeps & CommitmentDeps;

export interface WaitingPromise {
  message: Pick<MailMessage, 'id' | 'subject' | 'sentAt' | 'dealId'>;
  /** 1-based position in the message's proposals. */
  number: number;
  promise: ProposedPromise;
}

function requireOwn(actor: Actor, message: MailMessage | null, id: string): MailMessage {
  if (!message || (message.memberId !== actor.memberId && actor.role === 'rep')) {
    throw notFound('mail message', id);
  }
  return message;
}

function proposalAt(message: MailMessage, number: number): ProposedPromise {
  const p = Number.isInteger(number) ? message.proposedPromises[number - 1] : undefined;
  if (!p) {
    throw notFound('proposed promise', `${message.id}/${number}`);
  }
  if (p.state === 'accepted')
    throw conflict(
      `New promise ${number} of ${message.id} is already accepted (${p.commitmentId ?? ''}).`,
    );
  if (p.state === 'ignored') throw conflict(`New promise ${number} of ${message.id} was ignored.`);
  return p;
}

/** Makes proposal `number` a real `ours` promise on the message's deal, dated from the e-mail's
 * sent day in the deal owner's zone (its early target computed like a call's). */
export async function acceptProposedPromise(
  deps: AcceptPromiseDeps,
  actor: Actor,
  messageId: string,
  number: number,
): Promise<{ message: MailMessage; number: number; commitment: Commitment }> {
  return deps.runner.transaction(async (tx) => {
    const message = requireOwn(
      actor,
      await deps.mail.findById(tx, actor.workspaceId, messageId),
      messageId,
    );
    const p = proposalAt(message, number);
    if (message.status !== 'filed' || !message.dealId)
      throw invalid('File the message on a deal first: the promise needs a deal.');
    const deal = await deps.deals.findVisible(tx, actor, message.dealId);
    if (!deal) throw notFound('deal', message.dealId);
    const owner = await deps.members.findById(tx, deal.workspaceId, deal.ownerId);
    if (!owner) throw notFound('member', deal.ownerId);
    const madeOn = localDateOf(Temporal.Instant.from(message.sentAt), owner.timeZone);
    const commitment = await insertCommitment(deps, tx, actor, deal, {
      side: 'ours',
      text: p.text,
      due: p.due,
      dueTime: p.dueTime,
      madeOn,
      sourceSentence: p.sentence,
    });
    const next = message.proposedPromises.map((x, i) =>
      i === number - 1 ? { ...x, state: 'accepted' as const, commitmentId: commitment.id } : x,
    );
    if (!(await deps.mail.setProposedPromises(tx, message.id, message.proposedPromises, next))) {
      // Another accept (or ignore) won the race: this transaction rolls back its promise.
      throw conflict(`New promise ${number} of ${message.id} was decided meanwhile.`);
    }
    return { message: { ...message, proposedPromises: next }, number, commitment };
  });
}

/** "Not a promise": proposal `number` is set aside; nothing is created. */
export async function ignoreProposedPromise(
  deps: Pick<FileMailDeps, 'runner' | 'mail'>,
  actor: Actor,
  messageId: string,
  number: number,
): Promise<MailMessage> {
  return deps.runner.transaction(async (tx) => {
    const message = requireOwn(
      actor,
      await deps.mail.findById(tx, actor.workspaceId, messageId),
      messageId,
    );
    proposalAt(message, number);
    const next = message.proposedPromises.map((x, i) =>
      i === number - 1 ? { ...x, state: 'ignored' as const, commitmentId: null } : x,
    );
    if (!(await deps.mail.setProposedPromises(tx, message.id, message.proposedPromises, next))) {
      throw conflict(`New promise ${number} of ${message.id} was decided meanwhile.`);
    }
    return { ...message, proposedPromises: next };
  });
}

/** The actor's own filed e-mail's new promises still waiting for Add or Ignore, for Today. */
export async function listWaitingPromises(
  deps: Pick<FileMailDeps, 'runner' | 'mail'>,
  actor: Actor,
): Promise<WaitingPromise[]> {
  const messages = await deps.mail.listByStatus(
    deps.runner.executor,
    actor.workspaceId,
    ['filed'],
    actor.memberId,
  );
  const out: WaitingPromise[] = [];
  for (const m of messages) {
    m.proposedPromises.forEach((promise, i) => {
      if (promise.state) return;
      out.push({
        message: { id: m.id, subject: m.subject, sentAt: m.sentAt, dealId: m.dealId },
        number: i + 1,
        promise,
      });
    });
  }
  return out;
}
