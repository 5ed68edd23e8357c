import type { Command } from 'commander';
import { proveAccount } from '../../core/auth/prove-account.ts';
import { DomainError, isDomainError } from '../../core/kernel/errors.ts';
import { initWorkspace } from '../../core/workspaces/flows/init-workspace.ts';
import { normaliseEmail } from '../../core/workspaces/validation.ts';
import { printJson } from '../output.ts';
import { readPassword } from '../password-input.ts';
import { withContext } from '../runtime.ts';

export function registerInitCommand(program: Command): void {
  program
    .command('init')
    .description(
      'Create a workspace and its owner (the first member); later commands act as this owner',
    )
    .requiredOption('--workspace <name>', 'workspace name, e.g. "Acme Sales"')
    .requiredOption('--name <name>', 'your name')
    .requiredOption('--email <email>', 'your e-mail address')
    .requiredOption('--tz <zone>', 'your IANA time zone, e.g. America/New_York, Europe/Berlin')
    .requiredOption('--region <code>', 'your public-holiday region, e.g. US, DE-BY, GB-ENG, JP')
    .option('--weekend <days>', 'your weekend days', 'sat,sun')
    .option(
      '--another',
      'create a second workspace in a database that has one (commands then need --workspace-id or --as)',
    )
    .option(
      '--existing-account',
      'your e-mail address already has an account on this server: prove it with its password (from the terminal or standard input) to own this workspace too',
    )
    .option('--json', 'print JSON')
    .action(async (opts, command: Command) => {
      await withContext(
        command,
        async (ctx) => {
          // A second workspace in one database makes every later command ask which one: only on
          // purpose.
          const existing = await ctx.workspaces.list(ctx.runner.executor);
          if (existing.length > 0 && !opts.another)
            throw new DomainError(
              'conflict',
              `This database already has ${existing.length === 1 ? 'a workspace' : `${existing.length} workspaces`}:\n` +
                existing.map((w) => `  ${w.id}  ${w.name}`).join('\n') +
                '\nUse it (e.g. momentum today), list them with momentum workspace list, or pass --another to create one more.',
            );
          // An address that already has an account may be someone else's (made by inviting
          // it): it owns a new workspace only once its password is given.
          const proven = opts.existingAccount
            ? await proveAccount(ctx, normaliseEmail(opts.email), await readPassword('Password: '))
            : null;
          const { workspace, owner } = await initWorkspace(ctx, {
            workspace: opts.workspace,
            name: opts.name,
            email: opts.email,
            timeZone: opts.tz,
            region: opts.region,
            weekend: opts.weekend,
            ...(proven && { provenUserId: proven.id }),
          }).catch((error: unknown) => {
            if (isDomainError(error) && error.code === 'conflict' && error.details?.email) {
              throw new DomainError(
                'conflict',
                `${String(error.details.email)} already has a Momentum account on this server. If it is yours, run init again with --existing-account and enter its password; an account without a password gets one with \`momentum member set-password\`.`,
              );
            }
            throw error;
          });
          if (opts.json) {
            printJson({
              workspace: { id: workspace.id, name: workspace.name },
              member: { id: owner.id, email: owner.email, role: owner.role },
            });
          } else {
            process.stdout.write(
              `Created workspace "${workspace.name}" (${workspace.id}) with owner ${owner.email}.\n` +
                `Next: momentum account add "Customer Inc", then momentum deal add --account "Customer Inc" --title "First deal".\n`,
            );
          }
        },
        { create: true },
      );
    });
}
