import type { Command } from 'commander';
import { listAudit } from '../../core/audit/list-audit.ts';
import { presentAudit } from '../../contract/audit/audit-entry.ts';
import { printJson, printTable } from '../output.ts';
import { parseInteger, resolveCliActor, withContext } from '../runtime.ts';

const brief = (value: unknown) => {
  if (value === null || value === undefined) return '';
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
};

export function registerAuditCommand(program: Command): void {
  program
    .command('audit')
    .description('The audit log, newest first: who changed what, when (owners and managers)')
    .option('--limit <n>', 'how many entries (1-500)', parseInteger('--limit'), 50)
    .option('--entity <id>', 'only the entries about this record')
    .option(
      '--before <id|instant>',
      'only entries older than this one (the ID of the last one seen, or an instant)',
    )
    .option('--json', 'print JSON, with the full before and after of each change')
    .action(async (opts, command: Command) => {
      await withContext(command, async (ctx) => {
        const actor = await resolveCliActor(ctx, command);
        const entries = await listAudit(ctx, actor, {
          limit: opts.limit,
          ...(opts.entity && { entityId: opts.entity }),
          ...(opts.before && { before: opts.before }),
        });
        if (opts.json) return printJson(entries.map(presentAudit));
        const names = new Map(
          (await ctx.members.listByWorkspace(ctx.runner.executor, actor.workspaceId)).map((m) => [
            m.id,
            m.email,
          ]),
        );
        printTable(
          ['AT', 'WHO', 'ACTION', 'RECORD', 'AFTER'],
          entries.map((e) => [
            e.at,
            e.actorId ? (names.get(e.actorId) ?? e.actorId) : 'system',
            e.action,
            e.entityId,
            brief(e.after),
          ]),
          'The audit log is empty.',
        );
      });
    });
}
