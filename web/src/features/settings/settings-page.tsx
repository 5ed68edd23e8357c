import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { isManager, useMe } from '../../app/session.ts';
import { Tabs } from '../../components/a11y/tabs.tsx';
import { useDocumentTitle } from '../../lib/document-title.ts';
import { CalendarPanel } from './calendar-panel.tsx';
import { MembersPanel } from './members-panel.tsx';
import { NotificationsPanel } from './notifications-panel.tsx';
import { PlaybookPanel } from './playbook-panel.tsx';
import { ProfilePanel } from './profile-panel.tsx';
import { StagesPanel } from './stages-panel.tsx';
import { TokensPanel } from './tokens-panel.tsx';
import { WebhooksPanel } from './webhooks-panel.tsx';
import './settings.css';

const route = getRouteApi('/app/settings');

type Tab =
  | 'profile'
  | 'notifications'
  | 'calendar'
  | 'playbook'
  | 'stages'
  | 'members'
  | 'tokens'
  | 'webhooks';

/** Settings: one tab per panel, the chosen one in the URL (`?tab=`). */

export function SettingsPage() {
  const me = useMe();
  const { tab = 'profile' } = route.useSearch();
  const navigate = useNavigate({ from: '/settings' });
  const manager = isManager(me);
  const tabs: { id: Tab; label: string }[] = [
    { id: 'profile', label: 'Profile' },
    { id: 'notifications', label: 'Notifications' },
    { id: 'calendar', label: 'Calendar' },
    { id: 'playbook', label: 'Playbook' },
    { id: 'stages', label: 'Stages' },
    { id: 'members', label: 'Members' },
    { id: 'tokens', label: 'API tokens' },
    ...(manager ? [{ id: 'webhooks' as const, label: 'Webhooks' }] : []),
  ];
  const current = (tabs.find((t) => t.id === tab)?.id ?? 'profile') as Tab;
  useDocumentTitle(`Settings — ${tabs.find((t) => t.id === current)!.label}`);
  return (
    <div className="page page-narrow">
      <div className="page-header">
        <div>
          <h1>Settings</h1>
          <p className="subtitle">
            Your calendar and march; the workspace&rsquo;s playbook, stages and team.
          </p>
        </div>
      </div>
      <Tabs
        label="Settings sections"
        tabs={tabs}
        selected={current}
        onSelect={(id) =>
          navigate({ search: { tab: id === 'profile' ? undefined : id }, replace: true })
        }
        panelClassName="stack gap-16"
      >
        {current === 'profile' ? <ProfilePanel /> : null}
        {current === 'notifications' ? <NotificationsPanel /> : null}
        {current === 'calendar' ? <CalendarPanel /> : null}
        {current === 'playbook' ? <PlaybookPanel canEdit={manager} /> : null}
        {current === 'stages' ? <StagesPanel canEdit={manager} /> : null}
        {current === 'members' ? <MembersPanel /> : null}
        {current === 'tokens' ? <TokensPanel /> : null}
        {current === 'webhooks' ? <WebhooksPanel /> : null}
      </Tabs>
    </div>
  );
}
