import type { QueryClient } from '@tanstack/react-query';
import {
  Outlet,
  createRootRouteWithContext,
  createRoute,
  createRouter,
  lazyRouteComponent,
  redirect,
} from '@tanstack/react-router';
import { Shell } from './app/shell.tsx';
import { firstRunQuery, meQuery } from './app/session.ts';
import { NotFound, RouteError } from './app/route-states.tsx';
import { PageLoading } from './components/states.tsx';
import { todayQuery } from './pages/today-query.ts';
// Today is in the first bundle: it is the page opened first, every morning.
import { TodayPage } from './pages/today.tsx';

/*
 * The route tree, in code. The shell, the sign-in check and Today are in the first bundle; every
 * other page is its own chunk, loaded when first visited (and preloaded on hover).
 */
export interface RouterContext {
  queryClient: QueryClient;
}

const rootRoute = createRootRouteWithContext<RouterContext>()({
  component: Outlet,
  notFoundComponent: NotFound,
});

const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);

const signInRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/sign-in',
  validateSearch: (s: Record<string, unknown>): { next?: string } => ({ next: str(s.next) }),
  component: lazyRouteComponent(() => import('./pages/sign-in.tsx'), 'SignInPage'),
});

const setupRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/setup',
  component: lazyRouteComponent(() => import('./pages/setup.tsx'), 'SetupPage'),
});

const joinRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/join',
  validateSearch: (s: Record<string, unknown>): { token?: string } => ({ token: str(s.token) }),
  component: lazyRouteComponent(() => import('./pages/join.tsx'), 'JoinPage'),
});

const forgotPasswordRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/forgot-password',
  component: lazyRouteComponent(() => import('./pages/password-reset.tsx'), 'ForgotPasswordPage'),
});

const resetPasswordRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/reset-password/$token',
  component: lazyRouteComponent(() => import('./pages/password-reset.tsx'), 'ResetPasswordPage'),
});

/** Everything behind sign-in. A visitor without a session goes to sign-in (or, on a server
 * with no workspace yet, to setup) and comes back where they were going. */
const appRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: 'app',
  component: Shell,
  beforeLoad: async ({ context, location }) => {
    if (location.pathname === '/') {
      // Today is the page people open first: fetch its agenda while the session is being
      // checked, not after (an unauthenticated answer is simply dropped).
      const date = (location.search as { date?: unknown }).date;
      void context.queryClient.prefetchQuery(
        todayQuery(typeof date === 'string' ? date : undefined),
      );
    }
    const me = await context.queryClient.ensureQueryData(meQuery);
    if (me) return { me };
    const { firstRun } = await context.queryClient.fetchQuery(firstRunQuery);
    if (firstRun) throw redirect({ to: '/setup' });
    const next = location.href === '/' ? undefined : location.href;
    throw redirect({ to: '/sign-in', search: { next } });
  },
});

const todayRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/',
  validateSearch: (s: Record<string, unknown>): { date?: string } => ({ date: str(s.date) }),
  loaderDeps: ({ search }) => ({ date: search.date }),
  // Fetch the agenda while the page's code loads, not after.
  loader: ({ context, deps }) => {
    void context.queryClient.prefetchQuery(todayQuery(deps.date));
  },
  component: TodayPage,
});

export type DealsView = 'board' | 'list';
export interface DealsSearch {
  view?: DealsView;
  q?: string;
  status?: string;
  owner?: string;
  stage?: string;
  flag?: string;
  sort?: string;
  dir?: 'asc' | 'desc';
}
const dealsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/deals',
  validateSearch: (s: Record<string, unknown>): DealsSearch => ({
    view: s.view === 'list' ? 'list' : undefined,
    q: str(s.q),
    status: str(s.status),
    owner: str(s.owner),
    stage: str(s.stage),
    flag: str(s.flag),
    sort: str(s.sort),
    dir: s.dir === 'desc' ? 'desc' : s.dir === 'asc' ? 'asc' : undefined,
  }),
  component: lazyRouteComponent(() => import('./pages/deals.tsx'), 'DealsPage'),
});

const dealRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/deals/$dealId',
  validateSearch: (s: Record<string, unknown>): { tab?: string } => ({ tab: str(s.tab) }),
  component: lazyRouteComponent(() => import('./features/deal/deal-page.tsx'), 'DealPage'),
});

const accountsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/accounts',
  component: lazyRouteComponent(() => import('./pages/accounts.tsx'), 'AccountsPage'),
});

const accountRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/accounts/$accountId',
  component: lazyRouteComponent(() => import('./pages/account.tsx'), 'AccountPage'),
});

const logCallRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/calls/new',
  validateSearch: (s: Record<string, unknown>): { deal?: string } => ({ deal: str(s.deal) }),
  component: lazyRouteComponent(
    () => import('./features/log-call/log-call-page.tsx'),
    'LogCallPage',
  ),
});

const insightsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/insights',
  component: lazyRouteComponent(() => import('./pages/insights.tsx'), 'InsightsPage'),
});

const teamRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/team',
  component: lazyRouteComponent(() => import('./pages/team.tsx'), 'TeamPage'),
});

const settingsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/settings',
  validateSearch: (s: Record<string, unknown>): { tab?: string } => ({ tab: str(s.tab) }),
  component: lazyRouteComponent(
    () => import('./features/settings/settings-page.tsx'),
    'SettingsPage',
  ),
});

const importRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/import',
  component: lazyRouteComponent(() => import('./pages/import/import-page.tsx'), 'ImportPage'),
});

const inboxRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/inbox',
  component: lazyRouteComponent(() => import('./pages/inbox.tsx'), 'InboxPage'),
});

const routeTree = rootRoute.addChildren([
  signInRoute,
  setupRoute,
  joinRoute,
  forgotPasswordRoute,
  resetPasswordRoute,
  appRoute.addChildren([
    todayRoute,
    dealsRoute,
    dealRoute,
    accountsRoute,
    accountRoute,
    logCallRoute,
    insightsRoute,
    teamRoute,
    settingsRoute,
    importRoute,
    inboxRoute,
  ]),
]);

export function buildRouter(queryClient: QueryClient) {
  return createRouter({
    routeTree,
    context: { queryClient },
    defaultPreload: 'intent',
    // Data freshness is React Query's job; the router only starts the fetches.
    defaultPreloadStaleTime: 0,
    defaultPendingComponent: () => <PageLoading />,
    defaultPendingMs: 150,
    defaultErrorComponent: RouteError,
    scrollRestoration: true,
  });
}

declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof buildRouter>;
  }
}
