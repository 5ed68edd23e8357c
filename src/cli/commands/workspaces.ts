import type { Command } from 'commander';
import { printJson, printTable } from '../output.ts';
import { withContext } from '../runtime.ts';

/** `momentum workspace list`: what --workspace-id can choose from, with each owner. */
export function registerWorkspaceCommands(program: Command): void {
  const workspace = program
    .command('workspace')
    .description('Workspaces in this database (usually one)');
  workspace
    .command('list')
    .description('List the workspaces in this database, with their ids and owners')
    .option('--json', 'print JSON')
    .action(async (opts, command: Command) => {
      await withContext(command, async (ctx) => {
        const ex = ctx.runner.executor;
        const rows = [];
        for (const w of await ctx.workspaces.list(ex)) {
          const members = await ctx.members.listByWorkspace(ex, w.id);
          const owner = members.find((m) => m.role === 'owner');
          rows.push({
            id: w.id,
            name: w.name,
            owner: owner?.email ?? null,
            members: members.length,
          });
        }
        if (opts.json) return printJson(rows);
        printTable(
          ['ID', 'NAME', 'OWNER', 'MEMBERS'],
          rows.map((r) => [r.id, r.name, r.owner ?? '', String(r.members)]),
          'No workspace yet. Create one with: momentum init --workspace NAME --name NAME --email EMAIL --tz ZONE --region CODE',
        );
        if (rows.length > 1)
          process.stdout.write(
            '\nChoose one with --workspace-id ID (or MOMENTUM_WORKSPACE), or --as EMAIL of a member of only one.\n',
          );
      });
    });
}
