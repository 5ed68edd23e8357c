import { addAccount } from '../../src/core/accounts/flows/manage-accounts.ts';
import { addCommitment } from '../../src/core/commitments/flows/manage-commitments.ts';
import { addDeal } from '../../src/core/deals/flows/manage-deals.ts';
import { setNextStep } from '../../src/core/next-steps/flows/set-next-step.ts';
import { logTouch } from '../../src/core/touches/flows/log-touch.ts';
import { updateMemberSettings } from '../../src/core/workspaces/flows/update-member-settings.ts';
import type { Actor } from '../../src/core/workspaces/types.ts';
import type { TestContext } from '../support/dialects.ts';
import { seedMember, seedWorkspace } from '../support/fixtures.ts';

let workspaces = 0;

/**
 * A fresh workspace with one rep on a small march (floor 3, ceiling 4) in New York, region US,
 * so that each scenario sees only its own deals.
 */
export async function newRep(
  t: TestContext,
  options: { floor?: number; ceiling?: number; timeZone?: string; region?: string } = {},
) {
  const n = ++workspaces;
  const ws = await seedWorkspace(t.ctx, `Scenario ${n}`, `owner${n}@example.com`);
  const { actor, member } = await seedMember(
    t.ctx,
    ws.workspace.id,
    `rep${n}@example.com`,
    'rep',
    options.timeZone ?? 'America/New_York',
    options.region ?? 'US',
  );
  await updateMemberSettings(t.ctx, ws.actor, member.id, {
    marchFloor: options.floor ?? 3,
    marchCeiling: options.ceiling ?? 4,
  });
  await addAccount(t.ctx, ws.actor, { name: `Account ${n}` });
  return { owner: ws.actor, actor, member, account: `Account ${n}`, email: member.email };
}

/** Runs `fn` with the clock at `iso`, then puts it back. */
export async function at<T>(t: TestContext, iso: string, fn: () => Promise<T>): Promise<T> {
  const saved = t.clock.now().toString();
  t.clock.set(iso);
  try {
    return await fn();
  } finally {
    t.clock.set(saved);
  }
}

export interface DealSetup {
  title: string;
  /** When the deal was opened (default: 1 Nov 2026). */
  openedAt?: string;
  /** A touch at this local time (New York). */
  touchedAt?: string;
  /** A next step booked for this date (or date-time). */
  nextStep?: string;
  stage?: string;
}

export async function dealFor(
  t: TestContext,
  rep: { actor: Actor; account: string },
  setup: DealSetup,
): Promise<string> {
  const deal = await at(t, setup.openedAt ?? '2026-11-01T14:00:00Z', () =>
    addDeal(t.ctx, rep.actor, {
      account: rep.account,
      title: setup.title,
      ...(setup.stage && { stage: setup.stage }),
    }),
  );
  if (setup.touchedAt)
    await logTouch(t.ctx, rep.actor, { dealId: deal.id, kind: 'email', at: setup.touchedAt });
  if (setup.nextStep)
    await setNextStep(t.ctx, rep.actor, deal.id, {
      at: setup.nextStep,
      text: `Meet about ${setup.title}`,
    });
  return deal.id;
}

/** A deal that is not neglected on the scenario's day: touched that morning, next step booked. */
export function healthy(title: string, touchedAt = '2026-11-24T09:00'): DealSetup {
  return { title, touchedAt, nextStep: '2026-12-10' };
}

export async function promise(
  t: TestContext,
  actor: Actor,
  dealId: string,
  input: {
    side: 'ours' | 'theirs';
    text: string;
    due: string | null;
    madeOn?: string;
    lead?: number;
  },
) {
  return addCommitment(t.ctx, actor, {
    dealId,
    side: input.side,
    text: input.text,
    due: input.due,
    madeOn: input.madeOn ?? '2026-11-20',
    ...(input.lead !== undefined && { lead: input.lead }),
  });
}
