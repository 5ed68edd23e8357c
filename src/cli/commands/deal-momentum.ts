import type { Command } from 'commander';
import type { AppContext } from '../../app/context.ts';
import { getDealHealth, type DealHealth } from '../../core/momentum/deal-momentum.ts';
import { setNextStep } from '../../core/next-steps/flows/set-next-step.ts';
import type { Actor } from '../../core/workspaces/types.ts';
import { presentDealHealth } from '../../contract/momentum/deal-health.ts';
import { presentNextStep } from '../../contract/next-steps/next-step.ts';
import { printJson } from '../output.ts';
import { dealIdFor, resolveCliActor, withContext } from '../runtime.ts';

/** `deal show` reports a deal's neglect and momentum as of a day with these. */
export function dealHealth(ctx: AppContext, actor: Actor, dealId: string, date?: string) {
  return getDealHealth(ctx, actor, dealId, date ? { date } : {});
}

export function healthJson(h: DealHealth) {
  const { neglect, momentum } = presentDealHealth(h);
  return { neglect, momentum };
}

export function healthRows(h: DealHealth): string[][] {
  const m = h.momentum;
  return [
    ['neglect', h.neglect.neglected ? h.neglect.details.join(' ') : 'not neglected'],
    [
      'momentum',
      m.score === null
        ? 'not an open deal'
        : `${m.score} — ${m.factors.map((f) => `${f.detail} (${f.effect >= 0 ? '+' : ''}${f.effect})`).join('; ')}`,
    ],
    ['trend', m.trend.map((p) => `${p.date.slice(5)} ${p.score}`).join(', ')],
  ];
}

/** Subcommands of `deal` that belong to Today: the next step. */
export function registerDealMomentumCommands(deal: Command): void {
  deal
    .command('next')
    .description('Book the deal’s next step (it replaces the open one)')
    .argument('<deal>', 'deal id, or a unique part of its title or account name')
    .requiredOption('--at <when>', 'a date, 2026-12-03, or a date and time, 2026-12-03T14:00')
    .option('--json', 'print JSON')
    .argument('<text...>', 'what happens next, e.g. demo for the CFO')
    .action(async (id: string, words: string[], opts, command: Command) => {
      await withContext(command, async (ctx) => {
        const actor = await resolveCliActor(ctx, command);
        const step = await setNextStep(ctx, actor, await dealIdFor(ctx, actor, id), {
          at: opts.at,
          text: words.join(' '),
        });
        if (opts.json) return printJson(presentNextStep(step));
        process.stdout.write(
          `Next step on ${step.due}${step.dueTime ? ` at ${step.dueTime}` : ''}: ${step.text} (${step.id}).\n`,
        );
      });
    });
}
