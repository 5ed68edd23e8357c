import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import type { AppContext } from '../app/context.ts';
import type { Clock } from '../core/kernel/clock.ts';
import type { Deal } from '../core/deals/types.ts';
import { DomainError } from '../core/kernel/errors.ts';
import type { Actor, Workspace } from '../core/workspaces/types.ts';
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

/** Now on the clock main() was given, or undefined for the system clock (the caller reads it:
 * this module does not load Temporal, which `--help` never needs). */
export function pinnedNow(): ReturnType<Clock['now']> | undefined {
  return cliClock?.now();
}

/** Makes `clock` the one commands see until the returned function restores the previous one. */
export function useCliClock(clock: Clock | undefined): () => void {
  const previous = cliClock;
  cliClock = clock;
  return () => {
    cliClock = previous;
  };
}

/**
 * Opens the configured database, runs `fn`, and always closes the database again. Only the
 * commands that set one up (`init`, `demo`, `serve`) pass `create`: any other command given a
 * SQLite file that does not exist says so, instead of leaving an empty database (and its
 * folder) behind a mistyped --db.
 */
export async function withContext<T>(
  command: Command,
  fn: (ctx: AppContext) => Promise<T>,
  options: { create?: boolean } = {},
): Promise<T> {
  const config = resolveDatabaseConfig(globalOptions(command));
  if (!options.create && config.dialect === 'sqlite') requireExistingFile(config.file);
  // Loaded here, not at the top, so that `momentum --help` never loads the database drivers.
  const { openContext } = await import('../app/context.ts');
  const ctx = await openContext(config, cliClock);
  try {
    return await fn(ctx);
  } finally {
    await ctx.store.close();
  }
}

function requireExistingFile(file: string): void {
  if (file === ':memory:' || fs.existsSync(file)) return;
  throw new DomainError(
    'not-found',
    `No database at ${path.resolve(file)}. Create one with: momentum init (or momentum demo ` +
      'for a sample), or point --db / MOMENTUM_DB at an existing file.',
  );
}

const describeWorkspaces = (workspaces: readonly Workspace[]) =>
  workspaces.map((w) => `  ${w.id}  ${w.name}`).join('\n');

/** The workspace the CLI acts in: --workspace-id (or MOMENTUM_WORKSPACE), the only one, or the
 * only one the member named by --as belongs to. */
async function resolveWorkspace(
  ctx: AppContext,
  workspaceId: string | undefined,
  email: string | undefined,
): Promise<Workspace> {
  const ex = ctx.runner.executor;
  if (workspaceId) {
    const found = await ctx.workspaces.findById(ex, workspaceId);
    if (found) return found;
    const all = await ctx.workspaces.list(ex);
    throw new DomainError(
      'not-found',
      `No workspace ${workspaceId}.${all.length ? ` The workspaces are:\n${describeWorkspaces(all)}` : ''}`,
    );
  }
  const sole = await ctx.workspaces.findSole(ex);
  if (sole) return sole;
  const all = await ctx.workspaces.list(ex);
  if (all.length === 0)
    throw new DomainError(
      'not-found',
      'No workspace yet. Create one with: momentum init --workspace NAME --name NAME --email EMAIL --tz ZONE --region CODE',
    );
  if (email) {
    const user = await ctx.users.findByEmail(ex, email.trim().toLowerCase());
    const memberships = user ? await ctx.members.listActiveByUser(ex, user.id) : [];
    if (memberships.length === 1)
      return (await ctx.workspaces.findById(ex, memberships[0]!.workspaceId))!;
    if (memberships.length === 0)
      throw new DomainError(
        'not-found',
        `${email} is not a member of any workspace here. The workspaces are:\n${describeWorkspaces(all)}\nSee who is in one with: momentum member list --workspace-id ID`,
      );
    const mine = all.filter((w) => memberships.some((m) => m.workspaceId === w.id));
    if (mine.length > 1)
      throw new DomainError(
        'validation',
        `${email} belongs to several workspaces; choose one with --workspace-id ID (or MOMENTUM_WORKSPACE):\n${describeWorkspaces(mine)}`,
      );
  }
  throw new DomainError(
    'validation',
    `This database holds ${all.length} workspaces; choose one with --workspace-id ID (or MOMENTUM_WORKSPACE), or --as EMAIL of a member of only one:\n${describeWorkspaces(all)}`,
  );
}

/**
 * The CLI is the local way in: it acts as the workspace's owner, or as the member named by
 * `--as EMAIL`. With several workspaces in one database, `--workspace-id ID` (or
 * MOMENTUM_WORKSPACE) picks one, or `--as EMAIL` when that member belongs to only one.
 */
export async function resolveCliActor(ctx: AppContext, command: Command): Promise<Actor> {
  const opts = globalOptions(command);
  const ex = ctx.runner.executor;
  const email = opts.as ?? process.env.MOMENTUM_AS;
  const workspace = await resolveWorkspace(
    ctx,
    opts.workspaceId ?? process.env.MOMENTUM_WORKSPACE,
    email,
  );
  const members = await ctx.members.listByWorkspace(ex, workspace.id);
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

/**
 * A deal named on the command line: its id, or a unique match among the deals the actor can
 * see on its title or its account's name (whole name first, then part of it, ignoring case).
 * Several matches are listed so that the next try can be exact.
 */
export async function resolveDealRef(ctx: AppContext, actor: Actor, ref: string): Promise<Deal> {
  const wanted = ref.trim();
  // Loaded here so that `momentum --help` (which loads this module) stays lean.
  const { listDeals } = await import('../core/deals/flows/manage-deals.ts');
  const { listAccounts } = await import('../core/accounts/flows/manage-accounts.ts');
  const deals = await listDeals(ctx, actor, {});
  const byId = deals.find((d) => d.id === wanted);
  if (byId) return byId;
  const accounts = new Map((await listAccounts(ctx, actor)).map((a) => [a.id, a.name]));
  const key = wanted.toLowerCase();
  const names = (d: Deal) => [
    d.title.toLowerCase(),
    (accounts.get(d.accountId) ?? '').toLowerCase(),
  ];
  const open = (list: Deal[]) => {
    const live = list.filter((d) => d.status === 'open');
    return live.length ? live : list;
  };
  for (const match of [
    (d: Deal) => names(d).includes(key),
    (d: Deal) => names(d).some((n) => n.includes(key)),
  ]) {
    const found = open(deals.filter(match));
    if (found.length === 1) return found[0]!;
    if (found.length > 1)
      throw new DomainError(
        'validation',
        `"${wanted}" matches ${found.length} deals; use the id:\n${found
          .slice(0, 10)
          .map((d) => `  ${d.id}  ${d.title} (${accounts.get(d.accountId) ?? ''}, ${d.status})`)
          .join('\n')}`,
      );
  }
  throw new DomainError(
    'not-found',
    `No deal "${wanted}": give its id, or part of its title or account name (momentum deal list shows them).`,
  );
}

/**
 * The id of a deal named on the command line (see resolveDealRef). An id is passed on as given,
 * so that the use case answers for it (and a workspace of many deals is not listed for it).
 */
export async function dealIdFor(ctx: AppContext, actor: Actor, ref: string): Promise<string> {
  const wanted = ref.trim();
  return /^dl_[0-9a-z]+$/.test(wanted) ? wanted : (await resolveDealRef(ctx, actor, wanted)).id;
}

/** Commander hands option values over as strings; this turns one into a whole number. */
export function parseInteger(name: string) {
  return (value: string): number => {
    if (!/^-?\d+$/.test(value.trim()))
      throw new DomainError('validation', `${name} must be a whole number, got "${value}".`);
    return Number(value);
  };
}
