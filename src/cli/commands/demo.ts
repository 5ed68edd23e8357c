import { randomBytes } from 'node:crypto';
import type { Command } from 'commander';
import { createSampleWorkspace } from '../../app/demo/load-sample-workspace.ts';
import { DomainError } from '../../core/kernel/errors.ts';
import { printJson } from '../output.ts';
import { withContext } from '../runtime.ts';

const systemZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

export function registerDemoCommand(program: Command): void {
  program
    .command('demo')
    .description(
      'Create a sample workspace to explore: a small team, deals in every stage, calls, promises and plans dated around today (a new database only)',
    )
    .option('--workspace <name>', 'workspace name', 'Momentum sample')
    .option('--name <name>', 'your name (you are the owner)', 'Alex Morgan')
    .option('--email <email>', 'the e-mail you sign in with', 'alex@sample.example')
    .option(
      '--password <password>',
      'the password you sign in with (default: generated and printed)',
    )
    .option('--tz <zone>', 'your IANA time zone (default: this machine’s)')
    .option('--region <code>', 'your public-holiday region, e.g. US, DE-BY, GB-ENG', 'US')
    .option('--json', 'print JSON')
    .action(async (opts, command: Command) => {
      await withContext(
        command,
        async (ctx) => {
          if ((await ctx.workspaces.count(ctx.runner.executor)) > 0) {
            throw new DomainError(
              'conflict',
              'This database already has a workspace; the sample goes into a new one. Point --db at a new file (e.g. --db data/sample.db).',
            );
          }
          const password = opts.password ?? randomBytes(12).toString('base64url');
          const started = performance.now();
          const signedIn = await createSampleWorkspace(
            ctx,
            {
              workspace: opts.workspace,
              name: opts.name,
              email: opts.email,
              password,
              timeZone: opts.tz ?? systemZone(),
              region: opts.region,
            },
            { open: false },
          );
          const seconds = ((performance.now() - started) / 1000).toFixed(1);
          if (opts.json) {
            printJson({
              workspace: { id: signedIn.member.workspaceId, name: opts.workspace },
              member: { id: signedIn.member.id, email: signedIn.member.email, role: 'owner' },
              ...(opts.password ? {} : { password }),
            });
            return;
          }
          process.stdout.write(
            `Loaded the sample workspace "${opts.workspace}" in ${seconds} s.\n` +
              `Run momentum serve, open http://localhost:3000 and sign in as ${signedIn.member.email}` +
              (opts.password ? '.\n' : ` with the password ${password}\n`),
          );
        },
        { create: true },
      );
    });
}
