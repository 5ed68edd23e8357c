import { queryOptions } from '@tanstack/react-query';
import { getJson } from './client.ts';
import type { CommitmentState, DealStatus, Side } from './types.ts';

/*
 * Every read the app makes, with its cache key. Keys start with the resource name so that a
 * write can invalidate everything it may have changed (`['deals']`, `['today']`).
 */
/** `status` comes from the page's URL; the server answers 400 for one it does not know. */
export const dealsQuery = (status?: string) =>
  queryOptions({
    queryKey: ['deals', 'list', status ?? 'all'],
    queryFn: ({ signal }) =>
      getJson('/api/v1/deals', { query: { status: status as DealStatus | undefined }, signal }),
  });

export const dealQuery = (id: string) =>
  queryOptions({
    queryKey: ['deals', 'one', id],
    queryFn: ({ signal }) => getJson('/api/v1/deals/{id}', { path: { id }, signal }),
  });

export const accountsQuery = queryOptions({
  queryKey: ['accounts'],
  queryFn: ({ signal }) => getJson('/api/v1/accounts', { signal }),
  staleTime: 5 * 60_000,
});

export const accountQuery = (id: string) =>
  queryOptions({
    queryKey: ['accounts', 'one', id],
    queryFn: ({ signal }) => getJson('/api/v1/accounts/{id}', { path: { id }, signal }),
  });

export const accountTimelineQuery = (id: string) =>
  queryOptions({
    queryKey: ['accounts', 'timeline', id],
    queryFn: ({ signal }) => getJson('/api/v1/accounts/{id}/timeline', { path: { id }, signal }),
  });

export const accountDealsQuery = (id: string) =>
  queryOptions({
    queryKey: ['deals', 'account', id],
    queryFn: ({ signal }) => getJson('/api/v1/deals', { query: { account: id }, signal }),
  });

export const searchQuery = (q: string) =>
  queryOptions({
    queryKey: ['search', q],
    queryFn: ({ signal }) => getJson('/api/v1/search', { query: { q, limit: 20 }, signal }),
    staleTime: 30_000,
  });

export const contactsQuery = (accountId?: string) =>
  queryOptions({
    queryKey: ['contacts', accountId ?? 'all'],
    queryFn: ({ signal }) => getJson('/api/v1/contacts', { query: { account: accountId }, signal }),
    staleTime: 5 * 60_000,
  });

export const membersQuery = queryOptions({
  queryKey: ['members'],
  queryFn: ({ signal }) => getJson('/api/v1/members', { signal }),
  staleTime: 5 * 60_000,
});

export const stagesQuery = queryOptions({
  queryKey: ['stages'],
  queryFn: ({ signal }) => getJson('/api/v1/stages', { signal }),
  staleTime: 5 * 60_000,
});

export const habitsQuery = queryOptions({
  queryKey: ['playbook'],
  queryFn: async ({ signal }) => (await getJson('/api/v1/playbook', { signal })).habits,
  staleTime: 5 * 60_000,
});

export const commitmentsQuery = (filter: { deal?: string; state?: CommitmentState; side?: Side }) =>
  queryOptions({
    queryKey: ['commitments', filter],
    queryFn: ({ signal }) => getJson('/api/v1/commitments', { query: filter, signal }),
  });

export const touchesQuery = (dealId: string) =>
  queryOptions({
    queryKey: ['touches', dealId],
    queryFn: ({ signal }) => getJson('/api/v1/touches', { query: { deal: dealId }, signal }),
  });

export const tokensQuery = queryOptions({
  queryKey: ['tokens'],
  queryFn: ({ signal }) => getJson('/api/v1/tokens', { signal }),
});

export const webhooksQuery = queryOptions({
  queryKey: ['webhooks'],
  queryFn: ({ signal }) => getJson('/api/v1/webhooks', { signal }),
});

export const webhookDeliveriesQuery = (id: string) =>
  queryOptions({
    queryKey: ['webhooks', id, 'deliveries'],
    queryFn: ({ signal }) => getJson('/api/v1/webhooks/{id}/deliveries', { path: { id }, signal }),
  });

export const invitationsQuery = queryOptions({
  queryKey: ['invitations'],
  queryFn: ({ signal }) => getJson('/api/v1/invitations', { signal }),
});

/** Lookups by id for lists that show names. */
export function byId<T extends { id: string }>(list: readonly T[] | undefined): Map<string, T> {
  return new Map((list ?? []).map((x) => [x.id, x]));
}

export const healthQuery = (dealId: string) =>
  queryOptions({
    queryKey: ['deals', 'health', dealId],
    queryFn: ({ signal }) =>
      getJson('/api/v1/deals/{id}/momentum', { path: { id: dealId }, signal }),
  });

export const nextStepQuery = (dealId: string) =>
  queryOptions({
    queryKey: ['deals', 'next-step', dealId],
    queryFn: ({ signal }) =>
      getJson('/api/v1/deals/{id}/next-step', { path: { id: dealId }, signal }),
  });

export const marchQuery = (member?: string, date?: string) =>
  queryOptions({
    queryKey: ['march', member ?? 'me', date ?? 'today'],
    queryFn: ({ signal }) => getJson('/api/v1/march', { query: { member, date }, signal }),
  });

export const marchSettingsQuery = (member?: string) =>
  queryOptions({
    queryKey: ['march', 'settings', member ?? 'me'],
    queryFn: ({ signal }) => getJson('/api/v1/march/settings', { query: { member }, signal }),
  });

export const insightsQuery = (params: { from?: string; to?: string; member?: string }) =>
  queryOptions({
    queryKey: ['insights', params],
    queryFn: ({ signal }) => getJson('/api/v1/insights', { query: params, signal }),
  });
