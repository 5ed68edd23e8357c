import type { Command } from 'commander';
import type { AppContext } from '../app/context.ts';
import type { Clock } from '../core/shared/clock.ts';
import { DomainError } from '../core/shared/errors.ts';
import type { Actor } from '../core/workspaces/types.ts';
import { resolveDatabaseConfig } from '../storage/connection/config.ts';

export interface GlobalOptions {
  db?: string;
  as?: string;
  workspaceId?: string;
  debug?: boolean;
}

export function globalOptions(command: Command): GlobalOptions {
  return command.optsWithGlobals() as GlobalOptions;
}

/** The clock main() was given (tests pin one); undefined means the system clock. */
let cliClock: Clock | undefined;

/** Makes `clock` the one commands see until the returned function restores the previous one. */
export function useCliClock(clock: Clock | undefined): () => void {
  const previous = cliClock;
  cliClock = clock;
  return () => {
    cliClock = previous;
  };
}

/** Opens the configured database (creating and migrating it on first use), runs `fn`, and
 * always closes the database again. */
export async function withContext<T>(
  command: Command,
  fn: (ctx: AppContext) => Promise<T>,
): Promise<T> {
  // Loaded here, not at the top, so that `momentum --help` never loads the database drivers.
  const { openContext } = await import('../app/context.ts');
  const ctx = await openContext(resolveDatabaseConfig(globalOptions(command)), cliClock);
  try {
    return await fn(ctx);
  } finally {
    await ctx.store.close();
  }
}

/**
 * The CLI is the local way in: it acts as the workspace's owner, or as the member named by
 * `--as EMAIL`. With several workspaces in one database, `--workspace ID` (or
 * MOMENTUM_WORKSPACE) picks one.
 */
export async function resolveCliActor(ctx: AppContext, command: Command): Promise<Actor> {
  const opts = globalOptions(command);
  const ex = ctx.runner.executor;
  const workspaceId = opts.workspaceId ?? process.env.MOMENTUM_WORKSPACE;
  const workspace = workspaceId
    ? await ctx.workspaces.findById(ex, workspaceId)
    : await ctx.workspaces.findSole(ex);
  if (!workspace) {
    const count = await ctx.workspaces.count(ex);
    throw new DomainError(
      'not-found',
      count === 0
        ? 'No workspace yet. Create one with: momentum init --workspace NAME --name NAME --email EMAIL --tz ZONE --region CODE'
        : workspaceId
          ? `No workspace ${workspaceId}.`
          : 'This database holds several workspaces; choose one with --workspace-id ID or MOMENTUM_WORKSPACE.',
    );
  }
  const members = await ctx.members.listByWorkspace(ex, workspace.id);
  const email = opts.as ?? process.env.MOMENTUM_AS;
  const member = email
    ? members.find((m) => m.email === email.trim().toLowerCase())
    : members.find((m) => m.role === 'owner');
  if (!member) {
    throw new DomainError(
      'not-found',
      email
        ? `No member ${email} in workspace "${workspace.name}".`
        : 'The workspace has no owner.',
    );
  }
  return { memberId: member.id, workspaceId: workspace.id, role: member.role };
}

/** Commander hands option values over as strings; this turns one into a whole number. */
export function parseInteger(name: string) {
  return (value: string): number => {
    if (!/^-?\d+$/.test(value.trim()))
      throw new DomainError('validation', `${name} must be a whole number, got "${value}".`);
    return Number(value);
  };
}
