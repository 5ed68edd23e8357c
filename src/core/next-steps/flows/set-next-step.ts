import { localDateOf } from '../../calendar/index.ts';
import { recordAudit } from '../../audit/record.ts';
import { requireVisibleDeal } from '../../deals/rules.ts';
import type { DealRepository } from '../../deals/ports.ts';
import type { Deal } from '../../deals/types.ts';
import type { ReadDeps, WriteDeps } from '../../kernel/deps.ts';
import { parseIsoDate, toStoredInstant, type IsoDate } from '../../time/dates.ts';
import { invalid, notFound } from '../../kernel/errors.ts';
import type { Executor } from '../../kernel/transactions.ts';
import type { MemberRepository } from '../../workspaces/ports.ts';
import type { Actor } from '../../workspaces/types.ts';
import { requireName } from '../../workspaces/validation.ts';
import type { NextStepRepository } from '../ports.ts';
import type { NextStep } from '../types.ts';

export type NextStepDeps = WriteDeps & {
  deals: DealRepository;
  members: Pick<MemberRepository, 'findById'>;
  nextSteps: NextStepRepository;
};

export interface NextStepInput {
  /** "2026-12-03" or "2026-12-03T14:00", in the deal owner's zone. */
  at: string;
  text: string;
  callId?: string | null;
}

const AT_RE = /^(\d{4}-\d{2}-\d{2})(?:[T ]([01]\d|2[0-3]):([0-5]\d))?$/;

export function parseNextStepAt(at: string): { due: IsoDate; dueTime: string | null } {
  const m = AT_RE.exec(at.trim());
  if (!m) {
    throw invalid(
      `The next step's date must look like 2026-12-03 or 2026-12-03T14:00, got "${at}".`,
    );
  }
  return {
    due: parseIsoDate(m[1]!, 'Next step date').toString(),
    dueTime: m[2] === undefined ? null : `${m[2]}:${m[3]}`,
  };
}

/**
 * Books a deal's next step inside an open transaction (alone, or when a call is saved). A deal
 * has one open next step: a new one replaces it.
 */
export async function replaceNextStep(
  deps: NextStepDeps,
  tx: Executor,
  actor: Actor,
  deal: Deal,
  input: NextStepInput,
): Promise<NextStep> {
  const text = requireName(input.text, 'Next step', 500);
  const { due, dueTime } = parseNextStepAt(input.at);
  const owner = await deps.members.findById(tx, deal.workspaceId, deal.ownerId);
  if (!owner) throw notFound('member', deal.ownerId);
  const now = deps.clock.now();
  const today = localDateOf(now, owner.timeZone);
  if (due < today)
    throw invalid(`A next step is booked for today (${today}) or later, not ${due}.`);
  const before = await deps.nextSteps.findOpenForDeal(tx, deal.id);
  await deps.nextSteps.closeOpen(tx, deal.id, 'replaced');
  const step: NextStep = {
    id: deps.ids('nextStep'),
    workspaceId: deal.workspaceId,
    dealId: deal.id,
    text,
    due,
    dueTime,
    state: 'open',
    callId: input.callId ?? null,
    createdBy: actor.memberId,
    createdAt: toStoredInstant(now),
    version: 1,
  };
  await deps.nextSteps.insert(tx, step);
  await recordAudit(deps, tx, {
    workspaceId: deal.workspaceId,
    actor,
    action: 'next-step.set',
    entity: 'next_step',
    entityId: step.id,
    before,
    after: step,
  });
  return step;
}

export function setNextStep(
  deps: NextStepDeps,
  actor: Actor,
  dealId: string,
  input: NextStepInput,
): Promise<NextStep> {
  return deps.runner.transaction(async (tx) => {
    const deal = await requireVisibleDeal(deps, tx, actor, dealId);
    if (deal.status !== 'open')
      throw invalid(`The deal is ${deal.status}; a next step is booked on an open deal.`);
    return replaceNextStep(deps, tx, actor, deal, input);
  });
}

/** The deal's open next step, or null. */
export async function getNextStep(
  deps: ReadDeps & {
    deals: DealRepository;
    nextSteps: Pick<NextStepRepository, 'findOpenForDeal'>;
  },
  actor: Actor,
  dealId: string,
): Promise<NextStep | null> {
  const ex = deps.runner.executor;
  const deal = await requireVisibleDeal(deps, ex, actor, dealId);
  return deps.nextSteps.findOpenForDeal(ex, deal.id);
}
