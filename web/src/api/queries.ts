import { queryOptions } from '@tanstack/react-query';
import { api, qs } from './client.ts';
import type {
  Account,
  AccountEvent,
  AccountListItem,
  ApiToken,
  Commitment,
  Contact,
  Deal,
  DealHealth,
  Habit,
  Insights,
  Invitation,
  March,
  MarchSettings,
  Member,
  NextStep,
  Stage,
  SearchResult,
  Touch,
  Webhook,
  WebhookDelivery,
} from './types.ts';

/*
 * Every read the app makes, with its cache key. Keys start with the resource name so that a
 * write can invalidate everything it may have changed (`['deals']`, `['today']`).
 */
export const dealsQuery = (status?: string) =>
  queryOptions({
    queryKey: ['deals', 'list', status ?? 'all'],
    queryFn: ({ signal }) => api.get<Deal[]>(`/api/v1/deals${qs({ status })}`, { signal }),
  });

export const dealQuery = (id: string) =>
  queryOptions({
    queryKey: ['deals', 'one', id],
    queryFn: ({ signal }) => api.get<Deal>(`/api/v1/deals/${encodeURIComponent(id)}`, { signal }),
  });

export const accountsQuery = queryOptions({
  queryKey: ['accounts'],
  queryFn: ({ signal }) => api.get<AccountListItem[]>('/api/v1/accounts', { signal }),
  staleTime: 5 * 60_000,
});

export const accountQuery = (id: string) =>
  queryOptions({
    queryKey: ['accounts', 'one', id],
    queryFn: ({ signal }) =>
      api.get<Account>(`/api/v1/accounts/${encodeURIComponent(id)}`, { signal }),
  });

export const accountTimelineQuery = (id: string) =>
  queryOptions({
    queryKey: ['accounts', 'timeline', id],
    queryFn: ({ signal }) =>
      api.get<AccountEvent[]>(`/api/v1/accounts/${encodeURIComponent(id)}/timeline`, { signal }),
  });

export const accountDealsQuery = (id: string) =>
  queryOptions({
    queryKey: ['deals', 'account', id],
    queryFn: ({ signal }) =>
      api.get<Deal[]>(`/api/v1/deals${qs({ account: id, status: undefined })}`, { signal }),
  });

export const searchQuery = (q: string) =>
  queryOptions({
    queryKey: ['search', q],
    queryFn: ({ signal }) =>
      api.get<{ query: string; results: SearchResult[] }>(`/api/v1/search${qs({ q, limit: 20 })}`, {
        signal,
      }),
    staleTime: 30_000,
  });

export const contactsQuery = (accountId?: string) =>
  queryOptions({
    queryKey: ['contacts', accountId ?? 'all'],
    queryFn: ({ signal }) =>
      api.get<Contact[]>(`/api/v1/contacts${qs({ account: accountId })}`, { signal }),
    staleTime: 5 * 60_000,
  });

export const membersQuery = queryOptions({
  queryKey: ['members'],
  queryFn: ({ signal }) => api.get<Member[]>('/api/v1/members', { signal }),
  staleTime: 5 * 60_000,
});

export const stagesQuery = queryOptions({
  queryKey: ['stages'],
  queryFn: ({ signal }) => api.get<Stage[]>('/api/v1/stages', { signal }),
  staleTime: 5 * 60_000,
});

export const habitsQuery = queryOptions({
  queryKey: ['playbook'],
  queryFn: async ({ signal }) => {
    const playbook = await api.get<{ habits: Habit[] } | Habit[]>('/api/v1/playbook', { signal });
    return Array.isArray(playbook) ? playbook : playbook.habits;
  },
  staleTime: 5 * 60_000,
});

export const commitmentsQuery = (filter: { deal?: string; state?: string; side?: string }) =>
  queryOptions({
    queryKey: ['commitments', filter],
    queryFn: ({ signal }) => api.get<Commitment[]>(`/api/v1/commitments${qs(filter)}`, { signal }),
  });

export const touchesQuery = (dealId: string) =>
  queryOptions({
    queryKey: ['touches', dealId],
    queryFn: ({ signal }) => api.get<Touch[]>(`/api/v1/touches${qs({ deal: dealId })}`, { signal }),
  });

export const tokensQuery = queryOptions({
  queryKey: ['tokens'],
  queryFn: ({ signal }) => api.get<ApiToken[]>('/api/v1/tokens', { signal }),
});

export const webhooksQuery = queryOptions({
  queryKey: ['webhooks'],
  queryFn: ({ signal }) => api.get<Webhook[]>('/api/v1/webhooks', { signal }),
});

export const webhookDeliveriesQuery = (id: string) =>
  queryOptions({
    queryKey: ['webhooks', id, 'deliveries'],
    queryFn: ({ signal }) =>
      api.get<WebhookDelivery[]>(`/api/v1/webhooks/${encodeURIComponent(id)}/deliveries`, {
        signal,
      }),
  });

export const invitationsQuery = queryOptions({
  queryKey: ['invitations'],
  queryFn: ({ signal }) => api.get<Invitation[]>('/api/v1/invitations', { signal }),
});

/** Lookups by id for lists that show names. */
export function byId<T extends { id: string }>(list: readonly T[] | undefined): Map<string, T> {
  return new Map((list ?? []).map((x) => [x.id, x]));
}

export const healthQuery = (dealId: string) =>
  queryOptions({
    queryKey: ['deals', 'health', dealId],
    queryFn: ({ signal }) =>
      api.get<DealHealth>(`/api/v1/deals/${encodeURIComponent(dealId)}/momentum`, { signal }),
  });

export const nextStepQuery = (dealId: string) =>
  queryOptions({
    queryKey: ['deals', 'next-step', dealId],
    queryFn: ({ signal }) =>
      api.get<NextStep | null>(`/api/v1/deals/${encodeURIComponent(dealId)}/next-step`, {
        signal,
      }),
  });

export const marchQuery = (member?: string, date?: string) =>
  queryOptions({
    queryKey: ['march', member ?? 'me', date ?? 'today'],
    queryFn: ({ signal }) => api.get<March>(`/api/v1/march${qs({ member, date })}`, { signal }),
  });

export const marchSettingsQuery = (member?: string) =>
  queryOptions({
    queryKey: ['march', 'settings', member ?? 'me'],
    queryFn: ({ signal }) =>
      api.get<MarchSettings>(`/api/v1/march/settings${qs({ member })}`, { signal }),
  });

export const insightsQuery = (params: { from?: string; to?: string; member?: string }) =>
  queryOptions({
    queryKey: ['insights', params],
    queryFn: ({ signal }) => api.get<Insights>(`/api/v1/insights${qs(params)}`, { signal }),
  });
