import type { Command } from 'commander';
import {
  addWebhook,
  listDeliveries,
  listWebhooks,
  removeWebhook,
  replayDelivery,
} from '../../core/webhooks/flows/manage-webhooks.ts';
import { WEBHOOK_EVENTS } from '../../core/webhooks/types.ts';
import { printJson, printTable } from '../output.ts';
import { parseInteger, resolveCliActor, withContext } from '../runtime.ts';

export function registerWebhookCommands(program: Command): void {
  const webhook = program
    .command('webhook')
    .description(
      'Webhooks: signed HTTP calls to other tools when things happen (owners and managers)',
    );
  webhook
    .command('add')
    .description('Register a webhook; its signing secret (whsec_…) is printed once')
    .argument('<url>', 'where to POST events, e.g. https://example.com/hooks/momentum')
    .requiredOption('--events <events>', `comma-separated: ${WEBHOOK_EVENTS.join(', ')}`)
    .option(
      '--allow-private',
      'let it reach loopback/private addresses (only on a server with MOMENTUM_WEBHOOKS_ALLOW_PRIVATE=1)',
    )
    .option('--json', 'print {"id","url","events","secret"}')
    .action(async (url: string, opts, command: Command) => {
      await withContext(command, async (ctx) => {
        const { webhook: w, secret } = await addWebhook(ctx, await resolveCliActor(ctx, command), {
          url,
          events: opts.events,
          allowPrivate: Boolean(opts.allowPrivate),
        });
        if (opts.json) printJson({ id: w.id, url: w.url, events: w.events, secret });
        else
          process.stdout.write(
            `Added webhook ${w.id} → ${w.url} (${w.events.join(', ')}).\nIts signing secret, shown once:\n${secret}\n`,
          );
      });
    });
  webhook
    .command('list')
    .description('List the workspace’s webhooks')
    .option('--json', 'print JSON')
    .action(async (opts, command: Command) => {
      await withContext(command, async (ctx) => {
        const hooks = await listWebhooks(ctx, await resolveCliActor(ctx, command));
        if (opts.json) printJson(hooks);
        else
          printTable(
            ['ID', 'URL', 'EVENTS', 'STATE'],
            hooks.map((w) => [
              w.id,
              w.url,
              w.events.join(','),
              w.disabledAt ? `off: ${w.disabledReason ?? ''}` : 'on',
            ]),
            'No webhooks.',
          );
      });
    });
  webhook
    .command('remove')
    .description('Remove a webhook and its delivery log')
    .argument('<id>', 'webhook id (wh_…)')
    .option('--json', 'print {"removed":ID}')
    .action(async (id: string, opts, command: Command) => {
      await withContext(command, async (ctx) => {
        await removeWebhook(ctx, await resolveCliActor(ctx, command), id);
        if (opts.json) printJson({ removed: id });
        else process.stdout.write(`Removed webhook ${id}.\n`);
      });
    });
  webhook
    .command('deliveries')
    .description('The delivery log of a webhook, newest first')
    .argument('<id>', 'webhook id (wh_…)')
    .option('--limit <n>', 'how many (default 100)', parseInteger('--limit'))
    .option('--json', 'print JSON')
    .action(async (id: string, opts, command: Command) => {
      await withContext(command, async (ctx) => {
        const rows = await listDeliveries(
          ctx,
          await resolveCliActor(ctx, command),
          id,
          opts.limit ?? 100,
        );
        if (opts.json) printJson(rows);
        else
          printTable(
            ['DELIVERY', 'EVENT', 'STATUS', 'ATTEMPTS', 'CODE', 'MS', 'UPDATED'],
            rows.map((d) => [
              d.id,
              d.eventType,
              d.status,
              String(d.attempts),
              d.responseCode === null ? '' : String(d.responseCode),
              d.durationMs === null ? '' : String(d.durationMs),
              d.updatedAt,
            ]),
            'No deliveries yet.',
          );
      });
    });
  webhook
    .command('replay')
    .description('Send a delivery again (same webhook-id); a worker or server sends it')
    .argument('<delivery>', 'delivery id (msg_…)')
    .option('--json', 'print the delivery')
    .action(async (id: string, opts, command: Command) => {
      await withContext(command, async (ctx) => {
        const d = await replayDelivery(ctx, await resolveCliActor(ctx, command), id);
        if (opts.json) printJson(d);
        else process.stdout.write(`Queued delivery ${d.id} again.\n`);
      });
    });
}
