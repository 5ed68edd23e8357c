/** What of react-query's QueryClient this needs (kept structural so that the server's
 * typecheck, which runs this module's test, does not load React's types). */
export interface Invalidator {
  invalidateQueries(filters?: { queryKey: readonly unknown[] }): Promise<void>;
}

/*
 * One map from each write the app makes to the reads it may have changed (decision 022). Read
 * keys start with the resource name (see queries.ts), so invalidating `['deals']` refreshes the
 * list, each deal, its health and its next step. A mutation names itself here and calls
 * `invalidateAfter` on success instead of listing keys of its own; a new read that a write
 * changes is added in one place.
 */
export type QueryRoot =
  | 'accounts'
  | 'calendar-feed'
  | 'calls'
  | 'commitments'
  | 'contacts'
  | 'deals'
  | 'insights'
  | 'invitations'
  | 'march'
  | 'me'
  | 'members'
  | 'plan'
  | 'playbook'
  | 'search'
  | 'stages'
  | 'today'
  | 'tokens'
  | 'touches'
  | 'webhooks';

/** Everything cached: writes that may touch any read (an import, a mail proposal kept). */
export const EVERYTHING = 'everything';

export const INVALIDATES = {
  'account.update': ['accounts', 'search'],
  'contact.save': ['contacts', 'accounts', 'search'],
  'deal.create': ['deals', 'accounts'],
  'deal.update': ['deals', 'today'],
  'deal.move-stage': ['deals', 'today'],
  'deal.close': ['deals', 'today', 'insights', 'commitments'],
  'deal.plan.save': ['plan', 'deals'],
  'next-step.set': ['deals', 'today'],
  'commitment.change': ['commitments', 'today', 'deals', 'touches'],
  'commitment.due-change': ['today', 'commitments', 'deals', 'march'],
  'today.action': ['today', 'march', 'commitments', 'touches', 'deals'],
  'touch.log': ['touches', 'deals', 'today', 'march'],
  'call.log': ['today', 'deals', 'commitments', 'calls', 'plan', 'touches', 'march', 'insights'],
  'march.settings': ['today', 'march', 'commitments', 'me'],
  'playbook.set': ['playbook'],
  'stage.update': ['stages', 'today'],
  'member.change': ['members'],
  'invitation.change': ['invitations'],
  'token.change': ['tokens'],
  'webhook.change': ['webhooks'],
  'calendar-feed.change': ['calendar-feed'],
  'calendar.import': EVERYTHING,
  'mail.proposal': EVERYTHING,
  'mail.file': EVERYTHING,
  'mail.upload': EVERYTHING,
  'import.run': EVERYTHING,
} as const satisfies Record<string, readonly QueryRoot[] | typeof EVERYTHING>;

export type Mutation = keyof typeof INVALIDATES;

/** Marks stale every read `mutation` may have changed; active ones refetch. */
export function invalidateAfter(queryClient: Invalidator, mutation: Mutation): Promise<void> {
  const roots: readonly QueryRoot[] | typeof EVERYTHING = INVALIDATES[mutation];
  if (roots === EVERYTHING) return queryClient.invalidateQueries();
  return Promise.all(roots.map((root) => queryClient.invalidateQueries({ queryKey: [root] }))).then(
    () => undefined,
  );
}
