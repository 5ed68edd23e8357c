import type { Command } from 'commander';
import { createApiToken, listApiTokens, revokeApiToken } from '../../core/auth/flows/api-tokens.ts';
import { printJson, printTable } from '../output.ts';
import { resolveCliActor, withContext } from '../runtime.ts';

export function registerTokenCommands(program: Command): void {
  const token = program
    .command('token')
    .description('API tokens for scripts (Authorization: Bearer …)');
  token
    .command('create')
    .description('Create an API token; its secret is printed once')
    .option('--name <name>', 'a label, e.g. "zapier"', 'API token')
    .option(
      '--scope <scopes>',
      'what the token may do: read, write (changes), tokens (create and revoke tokens); e.g. read or read,write',
      'read,write',
    )
    .option('--json', 'print {"id","token","scopes"}')
    .action(async (opts, command: Command) => {
      await withContext(command, async (ctx) => {
        const { token: t, secret } = await createApiToken(
          ctx,
          await resolveCliActor(ctx, command),
          { name: opts.name, scopes: opts.scope },
        );
        if (opts.json) printJson({ id: t.id, token: secret, scopes: t.scopes });
        else
          process.stdout.write(
            `Created token ${t.id} (${t.name}; may ${t.scopes.join(', ')}). Copy it now, it will not be shown again:\n${secret}\n`,
          );
      });
    });
  token
    .command('list')
    .description('List your API tokens')
    .option('--json', 'print JSON')
    .action(async (opts, command: Command) => {
      await withContext(command, async (ctx) => {
        const tokens = await listApiTokens(ctx, await resolveCliActor(ctx, command));
        if (opts.json)
          printJson(
            tokens.map(({ id, name, scopes, createdAt, lastUsedAt, revokedAt }) => ({
              id,
              name,
              scopes,
              createdAt,
              lastUsedAt,
              revokedAt,
            })),
          );
        else
          printTable(
            ['ID', 'NAME', 'SCOPES', 'CREATED', 'LAST USED', 'REVOKED'],
            tokens.map((t) => [
              t.id,
              t.name,
              t.scopes.join(','),
              t.createdAt,
              t.lastUsedAt,
              t.revokedAt,
            ]),
            'No tokens.',
          );
      });
    });
  token
    .command('revoke')
    .description('Revoke an API token')
    .argument('<id>', 'token id')
    .action(async (id: string, _opts, command: Command) => {
      await withContext(command, async (ctx) => {
        await revokeApiToken(ctx, await resolveCliActor(ctx, command), id);
        process.stdout.write(`Revoked token ${id}.\n`);
      });
    });
}
