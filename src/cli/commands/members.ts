import type { Command } from 'commander';
import { setMemberPassword } from '../../core/auth/flows/change-password.ts';
import { DomainError } from '../../core/kernel/errors.ts';
import {
  inviteMember,
  listInvitations,
  revokeInvitation,
} from '../../core/auth/flows/invitations.ts';
import {
  changeMemberRole,
  findMemberByRef,
  listMembers,
  parseRole,
  removeMember,
} from '../../core/workspaces/flows/members.ts';
import { presentInvitation, presentMember } from '../../contract/members/member.ts';
import { printJson, printTable } from '../output.ts';
import { readPassword } from '../password-input.ts';
import { resolveCliActor, withContext } from '../runtime.ts';

export function registerMemberCommands(program: Command): void {
  const member = program
    .command('member')
    .description('The team: members, roles, invitations and passwords');

  member
    .command('list')
    .description('List the members of the workspace')
    .option('--json', 'print JSON')
    .action(async (opts, command: Command) => {
      await withContext(command, async (ctx) => {
        const members = await listMembers(ctx, await resolveCliActor(ctx, command));
        if (opts.json) return printJson(members.map(presentMember));
        printTable(
          ['ID', 'NAME', 'EMAIL', 'ROLE', 'TIME ZONE', 'REGION'],
          members.map((m) => [m.id, m.name, m.email, m.role, m.timeZone, m.region]),
        );
      });
    });

  member
    .command('invite')
    .description('Invite someone; prints a one-time token for them to join with (valid 7 days)')
    .argument('<email>', 'their e-mail address')
    .option('--role <role>', 'owner, manager or rep', 'rep')
    .option('--json', 'print {"invitation", "token"}')
    .action(async (email: string, opts, command: Command) => {
      await withContext(command, async (ctx) => {
        const { invitation, token } = await inviteMember(ctx, await resolveCliActor(ctx, command), {
          email,
          role: parseRole(opts.role),
        });
        const { emailInvitation } = await import('../../app/mail/invitation-mail.ts');
        const delivery = await emailInvitation(ctx, invitation, token);
        if (opts.json)
          return printJson({ invitation: presentInvitation(invitation), token, ...delivery });
        process.stdout.write(
          `Invited ${invitation.email} as ${invitation.role} (${invitation.id}), until ${invitation.expiresAt}.\n` +
            (delivery.emailed
              ? `The join link went to ${invitation.email} by e-mail; it works once.\n`
              : `${delivery.notice ?? ''}\n` +
                `Pass this on; it is shown only once. They open /join?token=… on this server (or POST\n` +
                `it to /api/v1/auth/accept-invitation) and set their password:\n${token}\n`) +
            `Join link: ${delivery.link}\n`,
        );
      });
    });

  member
    .command('invitations')
    .description('List pending invitations')
    .option('--json', 'print JSON')
    .action(async (opts, command: Command) => {
      await withContext(command, async (ctx) => {
        const pending = await listInvitations(ctx, await resolveCliActor(ctx, command));
        if (opts.json) return printJson(pending.map(presentInvitation));
        printTable(
          ['ID', 'EMAIL', 'ROLE', 'EXPIRES'],
          pending.map((i) => [i.id, i.email, i.role, i.expiresAt]),
          'No pending invitations.',
        );
      });
    });

  member
    .command('uninvite')
    .description('Revoke a pending invitation')
    .argument('<id>', 'invitation id')
    .action(async (id: string, _opts, command: Command) => {
      await withContext(command, async (ctx) => {
        await revokeInvitation(ctx, await resolveCliActor(ctx, command), id);
        process.stdout.write(`Revoked invitation ${id}.\n`);
      });
    });

  member
    .command('remove')
    .description('Remove a member; their sessions and API tokens stop working at once')
    .argument('<member>', 'member id or e-mail address')
    .action(async (ref: string, _opts, command: Command) => {
      await withContext(command, async (ctx) => {
        const actor = await resolveCliActor(ctx, command);
        const target = await findMemberByRef(ctx, actor, ref);
        await removeMember(ctx, actor, target.id);
        process.stdout.write(`Removed ${target.email} (${target.id}).\n`);
      });
    });

  member
    .command('role')
    .description("Change a member's role (owners only)")
    .argument('<member>', 'member id or e-mail address')
    .argument('<role>', 'owner, manager or rep')
    .action(async (ref: string, role: string, _opts, command: Command) => {
      await withContext(command, async (ctx) => {
        const actor = await resolveCliActor(ctx, command);
        const target = await findMemberByRef(ctx, actor, ref);
        const updated = await changeMemberRole(ctx, actor, target.id, {
          role: parseRole(role),
          expectedVersion: target.version,
        });
        process.stdout.write(`${updated.email} is now ${updated.role}.\n`);
      });
    });

  member
    .command('set-password')
    .description(
      'Set a password for signing in to the web app (yours, or as owner a member’s); reads it from the terminal or the first line of standard input',
    )
    .argument('[member]', 'member id or e-mail address (default: you)')
    .action(async (ref: string | undefined, _opts, command: Command) => {
      await withContext(command, async (ctx) => {
        const actor = await resolveCliActor(ctx, command);
        const target = ref ? await findMemberByRef(ctx, actor, ref) : null;
        const password = await readPassword('New password: ');
        if (process.stdin.isTTY && (await readPassword('Again: ')) !== password) {
          throw new DomainError('validation', 'The two passwords differ; nothing was changed.');
        }
        await setMemberPassword(ctx, actor, {
          memberId: target?.id ?? actor.memberId,
          password,
        });
        process.stdout.write(
          `Password set for ${target?.email ?? 'you'}; every session of theirs was signed out.\n`,
        );
      });
    });

  member
    .command('reset-password')
    .description(
      'Create a one-time link (valid an hour) for a member to set a new password; prints it, and e-mails it when e-mail is configured',
    )
    .argument('<member>', 'member id or e-mail address')
    .option('--json', 'print {"link", "expiresAt", "emailed", "notice"}')
    .action(async (ref: string, opts, command: Command) => {
      await withContext(command, async (ctx) => {
        const { createPasswordResetFor } = await import('../../core/auth/flows/password-reset.ts');
        const { emailPasswordReset } = await import('../../app/mail/reset-mail.ts');
        const issued = await createPasswordResetFor(ctx, await resolveCliActor(ctx, command), {
          member: ref,
          operator: true,
        });
        const delivery = await emailPasswordReset(ctx, issued);
        if (opts.json) return printJson({ ...delivery, expiresAt: issued.reset.expiresAt });
        process.stdout.write(
          (delivery.emailed
            ? `The reset link went to ${issued.member.email} by e-mail.\n`
            : `${delivery.notice ?? ''}\nPass this link on to ${issued.member.email}; it is shown only once.\n`) +
            `Reset link (works once, until ${issued.reset.expiresAt}): ${delivery.link}\n`,
        );
      });
    });
}
