import type { Command } from 'commander';
import {
  addAccount,
  addContact,
  listAccounts,
  listContacts,
} from '../../core/accounts/manage-accounts.ts';
import { presentAccount, presentContact } from '../../http/presenters/account-presenter.ts';
import { printJson, printTable } from '../output.ts';
import { resolveCliActor, withContext } from '../runtime.ts';

export function registerAccountCommands(program: Command): void {
  const account = program.command('account').description('Accounts: the companies you sell to');
  account
    .command('add')
    .description('Add an account')
    .argument('<name>', 'company name')
    .option('--domain <domain>', 'web domain, e.g. acme.com')
    .option('--json', 'print JSON')
    .action(async (name: string, opts, command: Command) => {
      await withContext(command, async (ctx) => {
        const created = await addAccount(ctx, await resolveCliActor(ctx, command), {
          name,
          domain: opts.domain,
        });
        if (opts.json) printJson(presentAccount(created));
        else process.stdout.write(`Added account ${created.name} (${created.id}).\n`);
      });
    });
  account
    .command('list')
    .description('List accounts')
    .option('--json', 'print JSON')
    .action(async (opts, command: Command) => {
      await withContext(command, async (ctx) => {
        const accounts = await listAccounts(ctx, await resolveCliActor(ctx, command));
        if (opts.json) printJson(accounts.map(presentAccount));
        else
          printTable(
            ['ID', 'NAME', 'DOMAIN'],
            accounts.map((a) => [a.id, a.name, a.domain]),
            'No accounts yet. Add one with: momentum account add NAME',
          );
      });
    });

  const contact = program.command('contact').description('Contacts: the people at your accounts');
  contact
    .command('add')
    .description('Add a contact at an account')
    .requiredOption('--account <name>', 'account name or id')
    .requiredOption('--name <name>', 'the person’s name')
    .option('--email <email>', 'e-mail address (one contact per address in the workspace)')
    .option('--phone <phone>', 'phone number')
    .option('--title <title>', 'job title or role')
    .option('--json', 'print JSON')
    .action(async (opts, command: Command) => {
      await withContext(command, async (ctx) => {
        const created = await addContact(ctx, await resolveCliActor(ctx, command), opts);
        if (opts.json) printJson(presentContact(created));
        else process.stdout.write(`Added contact ${created.name} (${created.id}).\n`);
      });
    });
  contact
    .command('list')
    .description('List contacts')
    .option('--account <name>', 'only this account (name or id)')
    .option('--json', 'print JSON')
    .action(async (opts, command: Command) => {
      await withContext(command, async (ctx) => {
        const contacts = await listContacts(ctx, await resolveCliActor(ctx, command), {
          account: opts.account,
        });
        if (opts.json) printJson(contacts.map(presentContact));
        else
          printTable(
            ['ID', 'NAME', 'TITLE', 'EMAIL', 'PHONE'],
            contacts.map((c) => [c.id, c.name, c.title, c.email, c.phone]),
            'No contacts.',
          );
      });
    });
}
