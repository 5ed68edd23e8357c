import type { Command } from 'commander';
import {
  addAccount,
  addContact,
  getContact,
  listAccounts,
  listContacts,
  updateAccount,
  updateContact,
} from '../../core/accounts/flows/manage-accounts.ts';
import { findAccountByRef } from '../../core/accounts/account-ref.ts';
import { presentAccount, presentContact } from '../../contract/accounts/account.ts';
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

  account
    .command('edit')
    .description('Rename an account or change its domain (--domain "" clears it)')
    .argument('<account>', 'account name or id')
    .option('--name <name>', 'new name')
    .option('--domain <domain>', 'new web domain')
    .option('--json', 'print JSON')
    .action(async (ref: string, opts, command: Command) => {
      await withContext(command, async (ctx) => {
        const actor = await resolveCliActor(ctx, command);
        // The command line edits what is there now: it reads the version it then writes at.
        const current = await findAccountByRef(ctx, ctx.runner.executor, actor, ref);
        const updated = await updateAccount(
          ctx,
          actor,
          current.id,
          {
            ...(opts.name !== undefined && { name: opts.name }),
            ...(opts.domain !== undefined && { domain: opts.domain === '' ? null : opts.domain }),
          },
          current.version,
        );
        if (opts.json) printJson(presentAccount(updated));
        else process.stdout.write(`Updated account ${updated.name} (${updated.id}).\n`);
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
  contact
    .command('edit')
    .description('Edit a contact, or move them to another account (an empty value clears a field)')
    .argument('<id>', 'contact id (see: momentum contact list)')
    .option('--name <name>', 'the person’s name')
    .option('--email <email>', 'e-mail address')
    .option('--phone <phone>', 'phone number')
    .option('--title <title>', 'job title or role')
    .option('--account <name>', 'move to this account (name or id)')
    .option('--json', 'print JSON')
    .action(async (id: string, opts, command: Command) => {
      await withContext(command, async (ctx) => {
        const actor = await resolveCliActor(ctx, command);
        const current = await getContact(ctx, actor, id);
        const cleared = (v: string | undefined) => (v === '' ? null : v);
        const updated = await updateContact(
          ctx,
          actor,
          id,
          {
            ...(opts.name !== undefined && { name: opts.name }),
            ...(opts.email !== undefined && { email: cleared(opts.email) }),
            ...(opts.phone !== undefined && { phone: cleared(opts.phone) }),
            ...(opts.title !== undefined && { title: cleared(opts.title) }),
            ...(opts.account !== undefined && { account: opts.account }),
          },
          current.version,
        );
        if (opts.json) printJson(presentContact(updated));
        else process.stdout.write(`Updated contact ${updated.name} (${updated.id}).\n`);
      });
    });
}
