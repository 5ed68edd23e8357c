import type { Command } from 'commander';
import { addDeal, getDeal, listDeals, parseDealStatus } from '../../core/deals/manage-deals.ts';
import { presentDeal } from '../../http/presenters/deal-presenter.ts';
import { formatMoney, printJson, printTable } from '../output.ts';
import { dealHealth, healthJson, healthRows } from './deal-momentum.ts';
import { resolveCliActor, withContext } from '../runtime.ts';

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
    .argument('<id>', 'deal id')
    .option('--date <date>', 'neglect and momentum as of this date, YYYY-MM-DD (default: today)')
    .option('--json', 'print JSON')
    .action(async (id: string, opts, command: Command) => {
      await withContext(command, async (ctx) => {
        const actor = await resolveCliActor(ctx, command);
        const d = await getDeal(ctx, actor, id);
        const health = await dealHealth(ctx, actor, d.id, opts.date);
        if (opts.json) return printJson({ ...presentDeal(d), ...healthJson(health) });
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
            ...healthRows(health),
          ],
        );
      });
    });
  return deal;
}
