import { queryTokens } from '../search/fold.ts';
import { rankCandidates, type SearchKind } from '../search/rank.ts';
import type { ReadDeps } from '../kernel/deps.ts';
import { invalid, notFound } from '../kernel/errors.ts';
import type { Actor } from '../workspaces/types.ts';
import type { AccountRepository, AddressBookReadModel, SearchRow } from './ports.ts';
import type { Account, AccountEvent, AccountSummary } from './types.ts';

type Deps = ReadDeps & { accounts: AccountRepository; addressBook: AddressBookReadModel };

/** Every account with what the list shows beside it (deal counts, open value, last touch),
 * counted over the deals the actor can see: a rep's list never reveals a colleague's deals. */
export async function listAccountSummaries(
  deps: Deps,
  actor: Actor,
): Promise<{ account: Account; summary: AccountSummary }[]> {
  const ex = deps.runner.executor;
  const [accounts, summaries] = await Promise.all([
    deps.accounts.list(ex, actor.workspaceId),
    deps.addressBook.summaries(ex, actor),
  ]);
  const byId = new Map(summaries.map((s) => [s.accountId, s]));
  return accounts.map((account) => ({
    account,
    summary: byId.get(account.id) ?? {
      accountId: account.id,
      contactCount: 0,
      dealCount: 0,
      openDealCount: 0,
      openValue: [],
      lastTouchAt: null,
    },
  }));
}

/** The account's calls, touches, deals opened and contacts added, newest first. */
export async function accountTimeline(
  deps: Deps,
  actor: Actor,
  accountId: string,
  limit = 200,
): Promise<AccountEvent[]> {
  const ex = deps.runner.executor;
  if (!(await deps.accounts.findById(ex, actor.workspaceId, accountId))) {
    throw notFound('account', accountId);
  }
  return deps.addressBook.timeline(ex, actor, accountId, limit);
}

export interface SearchHit extends SearchRow {
  score: number;
}

export const SEARCH_KINDS: readonly SearchKind[] = ['deal', 'account', 'contact'];

/**
 * Search across the deals the actor can see and the workspace's accounts and contacts: every
 * word of the query must be found (case and accents ignored), as the start of a word or inside
 * one; results are ranked together (see rankCandidates), at most `limit`.
 */
export async function searchWorkspace(
  deps: ReadDeps & { addressBook: AddressBookReadModel },
  actor: Actor,
  query: string,
  limit = 20,
): Promise<SearchHit[]> {
  const tokens = queryTokens(query);
  if (tokens.length === 0) throw invalid('Type at least one letter or digit to search for.');
  // Wide enough that the exact ranking below sees every strong match of each kind.
  const perKind = Math.max(50, limit * 3);
  const rows = await deps.addressBook.searchCandidates(
    deps.runner.executor,
    actor,
    tokens,
    perKind,
  );
  return rankCandidates(rows, query, limit).map((r) => ({ ...r.candidate, score: r.score }));
}
