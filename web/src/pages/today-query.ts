import { queryOptions } from '@tanstack/react-query';
import { api, qs } from '../api/client.ts';
import type { TodayAgenda } from '../api/types.ts';

/** The agenda for a day (the member's today when no date is given). Kept in the first bundle
 * so that the route can start fetching it while the page's code loads. */
export const todayQuery = (date?: string) =>
  queryOptions({
    queryKey: ['today', date ?? 'now'],
    queryFn: ({ signal }) => api.get<TodayAgenda>(`/api/v1/today${qs({ date })}`, { signal }),
    staleTime: 15_000,
  });
