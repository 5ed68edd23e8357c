import { queryOptions, useQueryClient, useSuspenseQuery } from '@tanstack/react-query';
import { ApiError, api, setCsrfToken } from '../api/client.ts';
import type { Me, SignedIn } from '../api/types.ts';

/** Who is signed in, or null. The CSRF token for writes arrives with it. */
export const meQuery = queryOptions({
  queryKey: ['me'],
  queryFn: async (): Promise<Me | null> => {
    try {
      const me = await api.get<Me>('/api/v1/me', { quiet401: true });
      setCsrfToken(me.csrfToken);
      return me;
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) return null;
      throw error;
    }
  },
  staleTime: 5 * 60_000,
});

/** Whether this server has no workspace yet: then the first visitor sets one up. */
export const firstRunQuery = queryOptions({
  queryKey: ['first-run'],
  queryFn: () => api.get<{ firstRun: boolean }>('/api/v1/demo', { quiet401: true }),
  staleTime: 0,
});

/** The signed-in member; only used under the signed-in layout, where it always exists. */
export function useMe(): Me {
  const { data } = useSuspenseQuery(meQuery);
  if (!data) throw new Error('Not signed in');
  return data;
}

export function isManager(me: Me): boolean {
  return me.member.role === 'owner' || me.member.role === 'manager';
}

/** After sign-in or sign-up the answer carries everything /me would; prime the cache with it. */
export function useAcceptSession() {
  const queryClient = useQueryClient();
  return (signedIn: SignedIn) => {
    setCsrfToken(signedIn.csrfToken);
    queryClient.clear();
    queryClient.setQueryData<Me>(meQuery.queryKey, {
      member: signedIn.member,
      workspace: signedIn.workspace,
      memberships: [{ workspace: signedIn.workspace, role: signedIn.member.role }],
      credential: 'session',
      csrfToken: signedIn.csrfToken,
    });
  };
}
