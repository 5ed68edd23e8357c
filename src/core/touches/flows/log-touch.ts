import { Temporal } from 'temporal-polyfill';
import { resolveMoment } from '../../calendar/index.ts';
import { recordAudit } from '../../audit/record.ts';
import type { CommitmentRepository } from '../../commitments/ports.ts';
import { requireVisibleDeal } from '../../deals/rules.ts';
import { staleVersion } from '../../kernel/errors.ts';
import type { DealRepository } from '../../deals/ports.ts';
import type { ReadDeps, WriteDeps } from '../../kernel/deps.ts';
import { toStoredInstant } from '../../time/dates.ts';
import { invalid, notFound } from '../../kernel/errors.ts';
import type { Deal } from '../../deals/types.ts';
import type { Actor } from '../../workspaces/types.ts';
import type { TouchRepository } from '../ports.ts';
import {
  recordTouch,
  recordTouches,
  type NewTouch,
  type RecordTouchDeps,
} from '../record-touch.ts';
import { LOGGED_TOUCH_KINDS, type LoggedTouchKind, type Touch } from '../types.ts';

export type LogTouchDeps = WriteDeps &
  RecordTouchDeps & {
    deals: DealRepository;
    commitments: Pick<CommitmentRepository, 'findVisible' | 'update'>;
  };

export interface LogTouchInput {
  dealId: string;
  kind: string;
  /** A local date-time in the member's zone ("2026-11-24T10:00") or an instant with an
   * offset; now by default. */
  at?: string;
  text?: string;
  /** The promise this touch was about: touching one of theirs counts as chasing it. */
  commitmentId?: string;
}

const MAX_TEXT = 2_000;

export function parseTouchKind(kind: string): LoggedTouchKind {
  const k = kind.trim().toLowerCase();
  if (!(LOGGED_TOUCH_KINDS as readonly string[]).includes(k)) {
    throw invalid(`Touch kind must be one of ${LOGGED_TOUCH_KINDS.join(', ')}, got "${kind}".`);
  }
  return k as LoggedTouchKind;
}

function touchText(input: { text?: string }): string {
  const text = input.text?.trim() ?? '';
  if (text.length > MAX_TEXT) throw invalid(`The text is longer than ${MAX_TEXT} characters.`);
  return text;
}

/** Logs a forward action on a deal by the acting member. */
export async function logTouch(
  deps: LogTouchDeps,
  actor: Actor,
  input: LogTouchInput,
): Promise<Touch> {
  const kind = parseTouchKind(input.kind);
  const text = touchText(input);
  const now = deps.clock.now();
  return deps.runner.transaction(async (tx) => {
    const deal = await requireVisibleDeal(deps, tx, actor, input.dealId);
    const member = await deps.members.findById(tx, actor.workspaceId, actor.memberId);
    if (!member) throw notFound('member', actor.memberId);
    const at = input.at ? resolveMoment(input.at, member.timeZone, 'at').instant : now;
    if (Temporal.Instant.compare(at, now) > 0)
      throw invalid('A touch is something already done; its time cannot be in the future.');
    const stamp = toStoredInstant(at);

    if (input.commitmentId) {
      const c = await deps.commitments.findVisible(tx, actor, input.commitmentId.trim());
      if (!c || c.dealId !== deal.id) throw notFound('commitment on this deal', input.commitmentId);
      if (c.side === 'theirs' && c.state === 'open' && (c.lastChasedAt ?? '') < stamp) {
        const updatedAt = toStoredInstant(now);
        if (
          !(await deps.commitments.update(tx, c.id, c.version, { lastChasedAt: stamp, updatedAt }))
        )
          throw staleVersion('commitment', c.id, c.version);
        await recordAudit(deps, tx, {
          workspaceId: deal.workspaceId,
          actor,
          action: 'commitment.chase',
          entity: 'commitment',
          entityId: c.id,
          before: { lastChasedAt: c.lastChasedAt },
          after: { lastChasedAt: stamp },
        });
      }
    }

    return recordTouch(deps, tx, {
      workspaceId: deal.workspaceId,
      dealId: deal.id,
      memberId: actor.memberId,
      kind,
      at: stamp,
      text: text || null,
      commitmentId: input.commitmentId?.trim() || null,
      credentialId: actor.credentialId ?? null,
    });
  });
}

/**
 * Logs many touches by the acting member in one transaction: each as logTouch would log it
 * (the same checks, rows, summaries and audit entries; a promise cannot be named here), written
 * in a few multi-row statements instead of a handful of statements per touch. For histories
 * written at once, such as the sample workspace's.
 */
export async function logTouches(
  deps: LogTouchDeps,
  actor: Actor,
  inputs: readonly Omit<LogTouchInput, 'commitmentId'>[],
): Promise<Touch[]> {
  const checked = inputs.map((input) => ({
    input,
    kind: parseTouchKind(input.kind),
    text: touchText(input),
  }));
  const now = deps.clock.now();
  return deps.runner.transaction(async (tx) => {
    const member = await deps.members.findById(tx, actor.workspaceId, actor.memberId);
    if (!member) throw notFound('member', actor.memberId);
    const deals = new Map<string, Deal>();
    const touches: NewTouch[] = [];
    for (const { input, kind, text } of checked) {
      let deal = deals.get(input.dealId);
      if (!deal) {
        deal = await requireVisibleDeal(deps, tx, actor, input.dealId);
        deals.set(input.dealId, deal);
      }
      const at = input.at ? resolveMoment(input.at, member.timeZone, 'at').instant : now;
      if (Temporal.Instant.compare(at, now) > 0)
        throw invalid('A touch is something already done; its time cannot be in the future.');
      touches.push({
        workspaceId: deal.workspaceId,
        dealId: deal.id,
        memberId: actor.memberId,
        kind,
        at: toStoredInstant(at),
        text: text || null,
        commitmentId: null,
        credentialId: actor.credentialId ?? null,
      });
    }
    return recordTouches(deps, tx, touches);
  });
}

export const MAX_TOUCH_PAGE = 500;

/** A deal's touches, newest first. */
export async function listTouches(
  deps: ReadDeps & { deals: DealRepository; touches: Pick<TouchRepository, 'listForDeal'> },
  actor: Actor,
  query: { dealId: string; limit?: number },
): Promise<Touch[]> {
  const limit = query.limit ?? 100;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_TOUCH_PAGE)
    throw invalid(`Limit must be a whole number from 1 to ${MAX_TOUCH_PAGE}, got ${limit}.`);
  const ex = deps.runner.executor;
  const deal = await requireVisibleDeal(deps, ex, actor, query.dealId);
  return deps.touches.listForDeal(ex, deal.id, limit);
}
