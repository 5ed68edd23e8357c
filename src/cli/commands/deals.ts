import type { Command } from 'commander';
import { addDeal, getDeal, listDeals } from '../../core/deals/flows/manage-deals.ts';
import { listDealOutcomes } from '../../core/deals/flows/close-deal.ts';
import { parseDealStatus } from '../../core/deals/rules.ts';
import { updateDeal, type UpdateDealInput } from '../../core/deals/flows/update-deal.ts';
import { presentDeal } from '../../contract/deals/deal.ts';
import { formatMoney, printJson, printTable } from '../output.ts';
import { dealHealth, healthJson, healthRows } from './deal-momentum.ts';
import {
  dealIdFor,
  parseInteger,
  resolveCliActor,
  resolveDealRef,
  withContext,
} from '../runtime.ts';

/** The `deal` command group; later issues add subcommands (next, close, pause) to it. */
export function registerDealCommands(program: Command): Command {
  const deal = program.command('deal').description('Deals: opportunities on accounts');
  deal
    .command('add')
    .description('Add a deal')
    .requiredOption('--account <name>', 'account name or id')
    .requiredOption('--title <text>', 'what is being sold, e.g. "Annual plan, 40 seats"')
    .option('--stage <name>', 'pipeline stage (default: the first)')
    .option('--amount <number>', 'value in major units, e.g. 12500')
    .option('--currency <code>', 'ISO currency code', 'USD')
    .option('--close <date>', 'expected close date, YYYY-MM-DD')
    .option('--json', 'print JSON')
    .action(async (opts, command: Command) => {
      await withContext(command, async (ctx) => {
        const created = await addDeal(ctx, await resolveCliActor(ctx, command), {
          account: opts.account,
          title: opts.title,
          stage: opts.stage,
          amount: opts.amount,
          currency: opts.currency,
          expectedClose: opts.close,
        });
        if (opts.json) printJson(presentDeal(created));
        else process.stdout.write(`Added deal "${created.title}" (${created.id}).\n`);
      });
    });
  deal
    .command('list')
    .description('List the deals you can see')
    .option('--status <status>', 'open, won, lost or paused')
    .option('--json', 'print JSON')
    .action(async (opts, command: Command) => {
      await withContext(command, async (ctx) => {
        const actor = await resolveCliActor(ctx, command);
        const deals = await listDeals(
          ctx,
          actor,
          opts.status ? { status: parseDealStatus(opts.status) } : {},
        );
        if (opts.json) return printJson(deals.map(presentDeal));
        const stages = new Map(
          (await ctx.stages.listByWorkspace(ctx.runner.executor, actor.workspaceId)).map((s) => [
            s.id,
            s.name,
          ]),
        );
        printTable(
          ['ID', 'TITLE', 'STAGE', 'STATUS', 'AMOUNT'],
          deals.map((d) => [
            d.id,
            d.title,
            stages.get(d.stageId),
            d.status,
            formatMoney(d.amountMinor, d.currency),
          ]),
          'No deals yet. Add one with: momentum deal add --account NAME --title TEXT',
        );
      });
    });
  deal
    .command('show')
    .description('Show one deal')
    .argument('<deal>', 'deal id, or a unique part of its title or account name')
    .option('--date <date>', 'neglect and momentum as of this date, YYYY-MM-DD (default: today)')
    .option('--json', 'print JSON')
    .action(async (id: string, opts, command: Command) => {
      await withContext(command, async (ctx) => {
        const actor = await resolveCliActor(ctx, command);
        const d = await getDeal(ctx, actor, await dealIdFor(ctx, actor, id));
        const health = await dealHealth(ctx, actor, d.id, opts.date);
        if (opts.json) return printJson({ ...presentDeal(d), ...healthJson(health) });
        // A closed or paused deal shows how it ended (or why it waits), not neglect or momentum.
        const outcome =
          d.status === 'open' ? undefined : (await listDealOutcomes(ctx, actor, d.id)).at(-1);
        const stage = await ctx.stages.findById(ctx.runner.executor, actor.workspaceId, d.stageId);
        printTable(
          ['FIELD', 'VALUE'],
          [
            ['id', d.id],
            ['title', d.title],
            ['stage', stage?.name],
            ['status', d.status],
            ['amount', formatMoney(d.amountMinor, d.currency)],
            ['expected close', d.expectedClose],
            ['last touch', d.lastTouchAt],
            ['version', String(d.version)],
            ...(d.status === 'open'
              ? healthRows(health)
              : [
                  [
                    'outcome',
                    `${outcome?.outcome ?? d.status}${(outcome?.reason ?? d.closeReason) ? `: ${outcome?.reason ?? d.closeReason}` : ''}`,
                  ],
                  ['lesson', outcome?.lesson ?? '—'],
                  ['re-engage', outcome?.reEngageOn ?? d.reEngageOn ?? '—'],
                ]),
          ],
        );
      });
    });
  deal
    .command('edit')
    .description('Change a deal: its stage, amount, title or expected close')
    .argument('<deal>', 'deal id, or a unique part of its title or account name')
    .option('--stage <stage>', 'move it to this stage (name or id)')
    .option('--amount <amount>', 'the amount, e.g. 24000 or 24000.50 ("none" clears it)')
    .option('--currency <code>', 'the amount’s currency, e.g. EUR')
    .option('--title <text>', 'a new title')
    .option('--close <date>', 'expected close, YYYY-MM-DD ("none" clears it)')
    .option(
      '--if-version <n>',
      'the version you read (momentum deal show); refused if the deal changed since (default: the one read now)',
      parseInteger('--if-version'),
    )
    .option('--json', 'print JSON')
    .addHelpText(
      'after',
      '\nExample:\n  momentum deal edit "Pilot" --stage Proposal --amount 24000 --close 2026-12-18',
    )
    .action(async (ref: string, opts, command: Command) => {
      await withContext(command, async (ctx) => {
        const actor = await resolveCliActor(ctx, command);
        const current = await resolveDealRef(ctx, actor, ref);
        const input: UpdateDealInput = {
          ...(opts.stage !== undefined && { stage: opts.stage }),
          ...(opts.amount !== undefined && { amount: opts.amount === 'none' ? null : opts.amount }),
          ...(opts.currency !== undefined && { currency: opts.currency }),
          ...(opts.title !== undefined && { title: opts.title }),
          ...(opts.close !== undefined && {
            expectedClose: opts.close === 'none' ? null : opts.close,
          }),
        };
        const updated = await updateDeal(
          ctx,
          actor,
          current.id,
          input,
          opts.ifVersion ?? current.version,
        );
        if (opts.json) return printJson(presentDeal(updated));
        const stage = await ctx.stages.findById(
          ctx.runner.executor,
          actor.workspaceId,
          updated.stageId,
        );
        process.stdout.write(
          `Updated "${updated.title}" (${updated.id}, version ${updated.version}): ${stage?.name ?? ''}, ` +
            `${formatMoney(updated.amountMinor, updated.currency) || 'no amount'}, expected close ${updated.expectedClose ?? 'not set'}.\n`,
        );
      });
    });
  return deal;
}
