import fs from 'node:fs';
import type { Command } from 'commander';
import {
  dismissMailMatch,
  fileMailOnDeal,
  keepMailMatch,
  listInbox,
  type FileMailResult,
} from '../../core/mail/flows/file-message.ts';
import { acceptProposedPromise } from '../../core/mail/flows/new-promises.ts';
import { DomainError } from '../../core/kernel/errors.ts';
import { printJson, printTable } from '../output.ts';
import { resolveCliActor, resolveDealRef, withContext } from '../runtime.ts';

function presentResult(r: FileMailResult) {
  const m = r.message;
  return {
    id: m.id,
    messageKey: m.messageKey,
    duplicate: r.duplicate,
    status: m.status,
    reason: m.reason,
    direction: m.direction,
    memberId: m.memberId,
    subject: m.subject,
    sentAt: m.sentAt,
    deal: r.deal,
    candidates: r.candidates,
    touchId: m.touchId,
    attachments: m.attachments,
    keeps: r.matches.map((v) => ({
      id: v.match.id,
      band: v.match.band,
      score: v.match.score,
      matched: v.match.matched,
      reasons: v.match.reasons,
      commitment: v.commitment,
    })),
    newPromises: m.proposedPromises,
  };
}

function describe(r: FileMailResult): string {
  const m = r.message;
  const lines: string[] = [];
  if (r.duplicate) lines.push(`Already read (${m.id}): nothing filed again.`);
  if (m.status === 'filed')
    lines.push(`Filed on deal ${r.deal?.title ?? ''} (${m.dealId}).`.replace('  ', ' '));
  else if (m.status === 'ambiguous')
    lines.push(
      `Not filed: ${m.reason} ${r.candidates.map((d) => `${d.title} (${d.id})`).join(', ')}. File it with: momentum mail file ${m.id} --deal DEAL`,
    );
  else lines.push(`Not filed (${m.status}): ${m.reason ?? ''}`);
  if (m.touchId) lines.push(`Touch: email at ${m.sentAt} (${m.touchId}).`);
  for (const v of r.matches) {
    const verb = v.match.band === 'confident' ? 'Kept?' : 'Maybe kept?';
    lines.push(
      `${verb} ${v.commitment.text} — matched: ${v.match.matched.join(', ') || '-'} (${Math.round(v.match.score * 100)}%). Confirm: momentum mail keep ${v.match.id}`,
    );
  }
  m.proposedPromises.forEach((p, i) => {
    const head = p.state ? `New promise ${i + 1} (${p.state}):` : `New promise ${i + 1}?`;
    const how = p.state ? '' : ` Add it: momentum mail accept ${m.id} ${i + 1}`;
    lines.push(`${head} ${p.text}${p.due ? ` (due ${p.due})` : ''} — "${p.sentence}".${how}`);
  });
  return `${lines.join('\n')}\n`;
}

export function registerMailCommands(program: Command): void {
  const mail = program
    .command('mail')
    .description('E-mail in: file messages on deals and mark the promises they keep');

  mail
    .command('import')
    .description('File one message (.eml): its deal, its touch, the promises it keeps, new ones')
    .argument('<file>', 'an RFC 5322 message file (.eml)')
    .option('--json', 'print JSON')
    .action(async (file: string, opts, command: Command) => {
      if (!fs.existsSync(file)) throw new DomainError('not-found', `No file at ${file}.`);
      const raw = fs.readFileSync(file);
      await withContext(command, async (ctx) => {
        const actor = await resolveCliActor(ctx, command);
        const { intakeEml } = await import('../../app/mail/intake.ts');
        const result = await intakeEml(ctx, actor.workspaceId, raw, 'cli');
        if (opts.json) printJson(presentResult(result));
        else process.stdout.write(describe(result));
      });
    });

  mail
    .command('keep')
    .description('Confirm that a message kept a promise: done at the time it was sent')
    .argument('<id>', 'the proposal id (mm_…) that `mail import` printed')
    .option('--json', 'print JSON')
    .action(async (id: string, opts, command: Command) => {
      await withContext(command, async (ctx) => {
        const actor = await resolveCliActor(ctx, command);
        const { match, commitment } = await keepMailMatch(ctx, actor, id);
        if (opts.json) printJson({ match, commitment });
        else
          process.stdout.write(
            `Kept: ${commitment.text} at ${commitment.doneAt} (${commitment.classification ?? 'no due date'}).\n`,
          );
        void match;
      });
    });

  mail
    .command('accept')
    .description("Add a new promise read from your e-mail as a promise on the message's deal")
    .argument('<message>', 'the message id (ml_…) that `mail import` printed')
    .argument('<number>', 'which new promise, from 1, as `mail import` numbered it')
    .option('--json', 'print JSON')
    .action(async (messageId: string, numberText: string, opts, command: Command) => {
      const number = Number(numberText);
      if (!/^[1-9][0-9]*$/.test(numberText.trim()))
        throw new DomainError(
          'validation',
          `The promise number must be 1, 2, …; got ${numberText}.`,
        );
      await withContext(command, async (ctx) => {
        const actor = await resolveCliActor(ctx, command);
        const { commitment } = await acceptProposedPromise(ctx, actor, messageId, number);
        if (opts.json) printJson(commitment);
        else
          process.stdout.write(
            `Added: ${commitment.text}${commitment.due ? `, due ${commitment.due}` : ''}${commitment.target ? ` (aim for ${commitment.target})` : ''} (${commitment.id}).\n`,
          );
      });
    });

  mail
    .command('dismiss')
    .description('Not this: the message did not keep that promise')
    .argument('<id>', 'the proposal id (mm_…)')
    .option('--json', 'print JSON')
    .action(async (id: string, opts, command: Command) => {
      await withContext(command, async (ctx) => {
        const actor = await resolveCliActor(ctx, command);
        const match = await dismissMailMatch(ctx, actor, id);
        if (opts.json) printJson(match);
        else process.stdout.write(`Dismissed ${match.id}; the promise stays open.\n`);
      });
    });

  mail
    .command('inbox')
    .description('Messages waiting for a deal: several fit, or none did')
    .option('--json', 'print JSON')
    .action(async (opts, command: Command) => {
      await withContext(command, async (ctx) => {
        const actor = await resolveCliActor(ctx, command);
        const list = await listInbox(ctx, actor);
        if (opts.json) printJson(list.map(({ bodyText: _b, ...m }) => m));
        else
          printTable(
            ['id', 'status', 'sent', 'subject', 'reason'],
            list.map((m) => [m.id, m.status, m.sentAt, m.subject, m.reason ?? '']),
          );
      });
    });

  mail
    .command('file')
    .description('File a waiting message on the deal you choose')
    .argument('<id>', 'the message id (ml_…)')
    .requiredOption('--deal <deal>', 'deal id, or a unique part of its title or account name')
    .option('--json', 'print JSON')
    .action(async (id: string, opts, command: Command) => {
      await withContext(command, async (ctx) => {
        const actor = await resolveCliActor(ctx, command);
        const deal = await resolveDealRef(ctx, actor, opts.deal);
        const result = await fileMailOnDeal(ctx, actor, id, deal.id);
        if (opts.json) printJson(presentResult(result));
        else process.stdout.write(describe(result));
      });
    });

  mail
    .command('watch')
    .description(
      'Read the shared mailbox over IMAP (IMAP_URL) and file what arrives, without the web server',
    )
    .option('--once', 'read what is waiting, then stop')
    .action(async (opts, command: Command) => {
      const url = process.env.IMAP_URL;
      if (!url)
        throw new DomainError(
          'validation',
          'Set IMAP_URL, e.g. imaps://momentum%40example.com:PASSWORD@imap.example.com:993/INBOX',
        );
      await withContext(command, async (ctx) => {
        const actor = await resolveCliActor(ctx, command);
        const { runImapReader, watchImap } = await import('../../app/mail/imap.ts');
        const log = (line: string) => process.stderr.write(`${line}\n`);
        if (opts.once) {
          await watchImap(ctx, actor.workspaceId, url, { once: true, log });
          return;
        }
        // Runs until stopped, connecting again after a failure or a dropped connection.
        const stop = new AbortController();
        process.once('SIGINT', () => stop.abort());
        process.once('SIGTERM', () => stop.abort());
        await runImapReader(ctx, actor.workspaceId, url, { signal: stop.signal, log });
      });
    });
}
