import { useQueryClient } from '@tanstack/react-query';
import { Link, Outlet, useNavigate, useRouter } from '@tanstack/react-router';
import { Suspense, useEffect, type ReactNode } from 'react';
import { api, onUnauthenticated, setCsrfToken } from '../api/client.ts';
import {
  CallIcon,
  DealsIcon,
  InsightsIcon,
  LogoMark,
  SettingsIcon,
  TeamIcon,
  TodayIcon,
} from '../components/icons.tsx';
import { SearchBox } from '../components/search-box.tsx';
import { PageLoading } from '../components/states.tsx';
import { initials } from '../lib/format.ts';
import { isManager, meQuery, useMe } from './session.ts';
import { RouteFocus } from './route-focus.tsx';
import { KeyboardShortcuts } from './shortcuts.tsx';

interface NavItem {
  to:
    | '/'
    | '/deals'
    | '/accounts'
    | '/calls/new'
    | '/insights'
    | '/team'
    | '/settings'
    | '/import'
    | '/inbox';
  label: string;
  icon: ReactNode;
  keys?: string;
  exact?: boolean;
}

function Nav({ items, label }: { items: NavItem[]; label: string }) {
  return (
    <nav className="nav" aria-label={label}>
      {items.map((item) => (
        <Link
          key={item.to}
          to={item.to}
          activeOptions={{ exact: item.exact ?? false, includeSearch: false }}
        >
          {item.icon}
          <span>{item.label}</span>
          {item.keys ? (
            <span className="nav-kbd" aria-hidden="true">
              {item.keys}
            </span>
          ) : null}
        </Link>
      ))}
    </nav>
  );
}

function Brand({ workspace }: { workspace: string }) {
  return (
    // The visible words are the start of the link's name (WCAG 2.5.3), then where it goes.
    <Link to="/" className="brand">
      <span className="brand-mark" aria-hidden="true">
        <LogoMark size={15} />
      </span>
      <span>
        Momentum
        <span className="brand-workspace"> {workspace}</span>
        <span className="sr-only">: go to Today</span>
      </span>
    </Link>
  );
}

/** The signed-in frame: navigation, who is signed in, and the keyboard shortcuts. */
export function Shell() {
  const me = useMe();
  const queryClient = useQueryClient();
  const router = useRouter();
  const navigate = useNavigate();

  useEffect(
    () =>
      onUnauthenticated(() => {
        queryClient.setQueryData(meQuery.queryKey, null);
        void router.invalidate();
      }),
    [queryClient, router],
  );

  const signOut = async () => {
    try {
      await api.post('/api/v1/auth/logout');
    } finally {
      setCsrfToken(null);
      queryClient.clear();
      queryClient.setQueryData(meQuery.queryKey, null);
      await navigate({ to: '/sign-in', search: { next: undefined } });
    }
  };

  const items: NavItem[] = [
    { to: '/', label: 'Today', icon: <TodayIcon />, keys: 'g t', exact: true },
    { to: '/deals', label: 'Deals', icon: <DealsIcon />, keys: 'g d' },
    { to: '/accounts', label: 'Accounts', icon: <TeamIcon />, keys: 'g a' },
    { to: '/calls/new', label: 'Log a call', icon: <CallIcon />, keys: 'c' },
    { to: '/insights', label: 'Insights', icon: <InsightsIcon />, keys: 'g i' },
    { to: '/inbox', label: 'Inbox', icon: <DealsIcon /> },
    ...(isManager(me) ? [{ to: '/team' as const, label: 'Team', icon: <TeamIcon /> }] : []),
    ...(isManager(me)
      ? [{ to: '/import' as const, label: 'Import & export', icon: <DealsIcon /> }]
      : []),
    { to: '/settings', label: 'Settings', icon: <SettingsIcon />, keys: 'g s' },
  ];

  return (
    <div className="shell">
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <aside className="sidebar">
        <Brand workspace={me.workspace.name} />
        <button
          type="button"
          className="btn btn-ghost btn-sm search-open"
          onClick={() => window.dispatchEvent(new Event('momentum:search'))}
        >
          Search
          <span className="nav-kbd" aria-hidden="true">
            Ctrl K
          </span>
        </button>
        <Nav items={items} label="Main" />
        <div className="sidebar-footer">
          <div className="who">
            <span className="avatar" aria-hidden="true">
              {initials(me.member.name)}
            </span>
            <div style={{ minWidth: 0 }}>
              <div className="who-name">{me.member.name}</div>
              <div className="who-role">{me.member.role}</div>
            </div>
          </div>
          <div className="row" style={{ justifyContent: 'space-between' }}>
            <button type="button" className="btn btn-ghost btn-sm" onClick={signOut}>
              Sign out
            </button>
            <button
              type="button"
              className="btn btn-ghost btn-sm"
              aria-label="Keyboard shortcuts"
              onClick={() => window.dispatchEvent(new Event('momentum:shortcuts'))}
            >
              <kbd>?</kbd>
            </button>
          </div>
        </div>
      </aside>
      <header className="topbar">
        <div className="topbar-row">
          <Brand workspace={me.workspace.name} />
          <div className="row">
            <button
              type="button"
              className="btn btn-ghost btn-sm"
              onClick={() => window.dispatchEvent(new Event('momentum:search'))}
            >
              Search
            </button>
            <Link to="/calls/new" search={{ deal: undefined }} className="btn btn-primary btn-sm">
              <CallIcon size={14} /> Log a call
            </Link>
            <button type="button" className="btn btn-ghost btn-sm" onClick={signOut}>
              Sign out
            </button>
          </div>
        </div>
        <Nav items={items.filter((i) => i.to !== '/calls/new')} label="Main (compact)" />
      </header>
      <main id="main" className="main" tabIndex={-1}>
        <Suspense fallback={<PageLoading />}>
          <Outlet />
        </Suspense>
      </main>
      <KeyboardShortcuts />
      <SearchBox />
      <RouteFocus />
    </div>
  );
}
