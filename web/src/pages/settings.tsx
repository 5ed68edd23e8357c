import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useEffect, useState, type ReactNode } from 'react';
import { api, errorMessage, setCsrfToken } from '../api/client.ts';
import {
  invitationsQuery,
  marchSettingsQuery,
  membersQuery,
  stagesQuery,
  tokensQuery,
  webhookDeliveriesQuery,
  webhooksQuery,
} from '../api/queries.ts';
import {
  WEBHOOK_EVENTS,
  type Habit,
  type Invitation,
  type MarchSettings,
  type Member,
  type Role,
  type Stage,
  type Webhook,
  type WebhookDelivery,
} from '../api/types.ts';
import { isManager, useMe } from '../app/session.ts';
import { Tabs } from '../components/a11y/tabs.tsx';
import { useDocumentTitle } from '../lib/document-title.ts';
import { ZoneRegionFields } from '../components/profile-fields.tsx';
import { PlusIcon, XIcon } from '../components/icons.tsx';
import { ErrorState, FormError, LoadingRows } from '../components/states.tsx';
import { useToast } from '../components/toast.tsx';
import { dateTime, fullDate, relativeDays } from '../lib/format.ts';
import { ScrollRegion } from '../components/a11y/scroll-region.tsx';
import { CalendarTab } from './settings-calendar.tsx';
import { invalidateAfter } from '../api/invalidation.ts';

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
const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

function Section({ title, sub, children }: { title: string; sub?: string; children: ReactNode }) {
  return (
    <section className="card" aria-label={title}>
      <header
        className="card-header"
        style={{ flexDirection: 'column', alignItems: 'flex-start', gap: 2 }}
      >
        <h2>{title}</h2>
        {sub ? <span className="muted small">{sub}</span> : null}
      </header>
      <div className="card-body stack">{children}</div>
    </section>
  );
}

function useSaved() {
  const toast = useToast();
  return (what: string) => toast.show(`${what} saved`);
}

function CalendarForm({ settings }: { settings: MarchSettings }) {
  const queryClient = useQueryClient();
  const saved = useSaved();
  const [form, setForm] = useState({
    floor: settings.floor,
    ceiling: settings.ceiling,
    lead: settings.lead,
    timeZone: settings.timeZone,
    region: settings.region,
    weekend: settings.weekend,
    daysOff: settings.daysOff,
  });
  const [dayOff, setDayOff] = useState('');
  useEffect(
    () =>
      setForm({
        floor: settings.floor,
        ceiling: settings.ceiling,
        lead: settings.lead,
        timeZone: settings.timeZone,
        region: settings.region,
        weekend: settings.weekend,
        daysOff: settings.daysOff,
      }),
    [settings],
  );
  const save = useMutation({
    mutationFn: () =>
      api.patch<MarchSettings>(
        '/api/v1/march/settings',
        { ...form, weekend: form.weekend.join(',') },
        { ifMatch: settings.version },
      ),
    onSuccess: (next) => {
      queryClient.setQueryData(marchSettingsQuery().queryKey, next);
      void invalidateAfter(queryClient, 'march.settings');
      saved('Calendar and march');
    },
  });
  return (
    <form
      className="stack"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <ZoneRegionFields
        timeZone={form.timeZone}
        region={form.region}
        onChange={(next) => setForm({ ...form, ...next })}
      />
      <fieldset className="field" style={{ border: 0, padding: 0, margin: 0 }}>
        <legend className="field-label">Weekend</legend>
        <div className="row">
          {WEEKDAYS.map((d) => (
            <label key={d} className="checkbox">
              <input
                type="checkbox"
                checked={form.weekend.includes(d)}
                onChange={(e) =>
                  setForm({
                    ...form,
                    weekend: e.target.checked
                      ? [...form.weekend, d]
                      : form.weekend.filter((x) => x !== d),
                  })
                }
              />
              {d[0]!.toUpperCase() + d.slice(1)}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="field">
        <span className="field-label">Days off</span>
        <div className="row">
          {form.daysOff.length === 0 ? <span className="small faint">None</span> : null}
          {[...form.daysOff].sort().map((d) => (
            <span key={d} className="badge">
              {fullDate(d)}
              <button
                type="button"
                className="btn btn-ghost btn-sm btn-icon"
                style={{ height: 16, width: 16 }}
                aria-label={`Remove day off ${d}`}
                onClick={() => setForm({ ...form, daysOff: form.daysOff.filter((x) => x !== d) })}
              >
                <XIcon size={10} />
              </button>
            </span>
          ))}
        </div>
        <div className="row">
          <input
            className="input"
            type="date"
            aria-label="Add a day off"
            value={dayOff}
            onChange={(e) => setDayOff(e.target.value)}
            style={{ width: 170 }}
          />
          <button
            type="button"
            className="btn btn-sm"
            disabled={!dayOff}
            onClick={() => {
              if (!form.daysOff.includes(dayOff))
                setForm({ ...form, daysOff: [...form.daysOff, dayOff] });
              setDayOff('');
            }}
          >
            Add day off
          </button>
        </div>
      </div>
      <div className="field-row">
        <label className="field">
          <span>Deliver early by (business days)</span>
          <input
            className="input"
            type="number"
            min={0}
            max={30}
            value={form.lead}
            onChange={(e) => setForm({ ...form, lead: Number(e.target.value) })}
          />
          <span className="hint">Promised Friday with 1 → delivered Thursday.</span>
        </label>
        <label className="field">
          <span>March floor (touches a day)</span>
          <input
            className="input"
            type="number"
            min={0}
            max={200}
            value={form.floor}
            onChange={(e) => {
              const floor = Number(e.target.value);
              setForm({ ...form, floor, ceiling: Math.max(form.ceiling, Math.ceil(floor * 1.25)) });
            }}
          />
        </label>
        <label className="field">
          <span>March ceiling</span>
          <input
            className="input"
            type="number"
            min={0}
            max={200}
            value={form.ceiling}
            onChange={(e) => setForm({ ...form, ceiling: Number(e.target.value) })}
          />
          <span className="hint">Today never plans past it: no rushing.</span>
        </label>
      </div>
      <FormError error={save.error} />
      <div>
        <button type="submit" className="btn btn-primary" disabled={save.isPending}>
          Save calendar and march
        </button>
      </div>
    </form>
  );
}

function PasswordForm() {
  const toast = useToast();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const change = useMutation({
    mutationFn: () =>
      api.post<{ csrfToken: string | null }>(
        '/api/v1/auth/password',
        { currentPassword: current, newPassword: next },
        { quiet401: true },
      ),
    onSuccess: (r) => {
      setCsrfToken(r.csrfToken ?? undefined);
      setCurrent('');
      setNext('');
      toast.show('Password changed; other sessions were signed out');
    },
  });
  return (
    <form
      className="field-row"
      onSubmit={(e) => {
        e.preventDefault();
        change.mutate();
      }}
      style={{ alignItems: 'end' }}
    >
      <label className="field">
        <span>Current password</span>
        <input
          className="input"
          type="password"
          autoComplete="current-password"
          required
          value={current}
          onChange={(e) => setCurrent(e.target.value)}
        />
      </label>
      <label className="field">
        <span>New password</span>
        <input
          className="input"
          type="password"
          autoComplete="new-password"
          required
          minLength={8}
          value={next}
          onChange={(e) => setNext(e.target.value)}
        />
      </label>
      <div>
        <button type="submit" className="btn" disabled={change.isPending}>
          Change password
        </button>
      </div>
      <div style={{ gridColumn: '1 / -1' }}>
        <FormError error={change.error} />
      </div>
    </form>
  );
}

function ProfileTab() {
  const me = useMe();
  const settings = useQuery(marchSettingsQuery());
  return (
    <>
      <Section title="You" sub={`${me.member.email} · ${me.member.role} of ${me.workspace.name}`}>
        <PasswordForm />
      </Section>
      <Section
        title="Calendar and march"
        sub="Early targets are computed on your business days; Today fills to your floor and stops at your ceiling."
      >
        {settings.isPending ? (
          <LoadingRows rows={3} />
        ) : settings.isError ? (
          <ErrorState error={settings.error} onRetry={() => void settings.refetch()} />
        ) : (
          <CalendarForm settings={settings.data} />
        )}
      </Section>
    </>
  );
}

function PlaybookTab({ canEdit }: { canEdit: boolean }) {
  const queryClient = useQueryClient();
  const saved = useSaved();
  const playbook = useQuery({
    queryKey: ['playbook', 'full'],
    queryFn: ({ signal }) =>
      api.get<{ habits: Habit[]; version: string }>('/api/v1/playbook', { signal }),
  });
  const [habits, setHabits] = useState<Partial<Habit>[] | null>(null);
  useEffect(() => {
    if (playbook.data) setHabits(playbook.data.habits);
  }, [playbook.data]);
  const save = useMutation({
    mutationFn: () =>
      api.put('/api/v1/playbook', {
        version: playbook.data!.version,
        habits: (habits ?? []).map((h) => ({
          ...(h.id ? { id: h.id } : {}),
          name: h.name ?? '',
          description: h.description ?? '',
        })),
      }),
    onSuccess: () => {
      void invalidateAfter(queryClient, 'playbook.set');
      saved('Playbook');
    },
  });
  if (playbook.isPending || !habits) return <LoadingRows rows={5} />;
  if (playbook.isError) return <ErrorState error={playbook.error} />;
  const set = (i: number, patch: Partial<Habit>) =>
    setHabits(habits.map((h, j) => (j === i ? { ...h, ...patch } : h)));
  const move = (i: number, by: number) => {
    const next = [...habits];
    const [h] = next.splice(i, 1);
    next.splice(i + by, 0, h!);
    setHabits(next);
  };
  return (
    <Section
      title="Playbook"
      sub="The habits checked on every call. Habit 2 is the plan, habit 10 keeping momentum; rename, reorder, add or retire the rest."
    >
      <ol className="list" style={{ margin: 0 }}>
        {habits.map((h, i) => (
          <li
            key={h.id ?? `new-${i}`}
            className="row"
            style={{ padding: '8px 0', flexWrap: 'nowrap', alignItems: 'flex-start' }}
          >
            <span className="num faint" style={{ width: 22, paddingTop: 6 }}>
              {i + 1}.
            </span>
            <div className="stack" style={{ gap: 4, flex: 1 }}>
              <input
                className="input"
                aria-label={`Habit ${i + 1} name`}
                value={h.name ?? ''}
                disabled={!canEdit}
                required
                onChange={(e) => set(i, { name: e.target.value })}
              />
              <input
                className="input input-sm"
                aria-label={`Habit ${i + 1} description`}
                value={h.description ?? ''}
                disabled={!canEdit}
                onChange={(e) => set(i, { description: e.target.value })}
              />
            </div>
            {canEdit ? (
              <div className="row" style={{ flexWrap: 'nowrap', gap: 2 }}>
                <button
                  type="button"
                  className="btn btn-ghost btn-sm btn-icon"
                  aria-label={`Move habit ${i + 1} up`}
                  disabled={i === 0}
                  onClick={() => move(i, -1)}
                >
                  ↑
                </button>
                <button
                  type="button"
                  className="btn btn-ghost btn-sm btn-icon"
                  aria-label={`Move habit ${i + 1} down`}
                  disabled={i === habits.length - 1}
                  onClick={() => move(i, 1)}
                >
                  ↓
                </button>
                <button
                  type="button"
                  className="btn btn-ghost btn-sm btn-icon"
                  aria-label={`Retire habit ${i + 1}`}
                  onClick={() => setHabits(habits.filter((_h, j) => j !== i))}
                >
                  <XIcon size={12} />
                </button>
              </div>
            ) : null}
          </li>
        ))}
      </ol>
      {canEdit ? (
        <div className="row">
          <button
            type="button"
            className="btn btn-sm"
            onClick={() => setHabits([...habits, { name: '', description: '' }])}
          >
            <PlusIcon size={12} /> Habit
          </button>
          <span className="spacer" />
          <FormError error={save.error} />
          <button
            type="button"
            className="btn btn-primary"
            disabled={save.isPending}
            onClick={() => save.mutate()}
          >
            Save playbook
          </button>
        </div>
      ) : (
        <p className="small faint">Owners and managers edit the playbook.</p>
      )}
    </Section>
  );
}

function StageRow({ stage, canEdit }: { stage: Stage; canEdit: boolean }) {
  const queryClient = useQueryClient();
  const saved = useSaved();
  const [days, setDays] = useState(stage.neglectDays);
  const save = useMutation({
    mutationFn: () =>
      api.patch<Stage>(
        `/api/v1/stages/${encodeURIComponent(stage.id)}`,
        { neglectDays: days },
        { ifMatch: stage.version },
      ),
    onSuccess: () => {
      void invalidateAfter(queryClient, 'stage.update');
      saved(`${stage.name}`);
    },
  });
  return (
    <tr>
      <td>{stage.name}</td>
      <td>
        <div className="row" style={{ flexWrap: 'nowrap' }}>
          <input
            className="input input-sm"
            type="number"
            min={1}
            max={365}
            style={{ width: 80 }}
            aria-label={`Days without a touch before a ${stage.name} deal is neglected`}
            value={days}
            disabled={!canEdit}
            onChange={(e) => setDays(Number(e.target.value))}
          />
          <span className="small muted">days</span>
          {canEdit && days !== stage.neglectDays ? (
            <button
              type="button"
              className="btn btn-sm btn-primary"
              disabled={save.isPending}
              onClick={() => save.mutate()}
            >
              Save
            </button>
          ) : null}
        </div>
        {save.isError ? <span className="small factor-neg">{errorMessage(save.error)}</span> : null}
      </td>
    </tr>
  );
}

function StagesTab({ canEdit }: { canEdit: boolean }) {
  const stages = useQuery(stagesQuery);
  return (
    <Section
      title="Stages"
      sub="How long a deal in each stage may go without a touch before it counts as neglected."
    >
      {stages.isPending ? (
        <LoadingRows rows={5} />
      ) : stages.isError ? (
        <ErrorState error={stages.error} />
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th>Stage</th>
              <th>Neglected after</th>
            </tr>
          </thead>
          <tbody>
            {[...stages.data]
              .sort((a, b) => a.position - b.position)
              .map((s) => (
                <StageRow key={s.id} stage={s} canEdit={canEdit} />
              ))}
          </tbody>
        </table>
      )}
    </Section>
  );
}

function MemberRow({ member, me, isOwner }: { member: Member; me: string; isOwner: boolean }) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const change = useMutation({
    mutationFn: (role: Role) =>
      api.patch(
        `/api/v1/members/${encodeURIComponent(member.id)}`,
        { role },
        { ifMatch: member.version },
      ),
    onSuccess: () => void invalidateAfter(queryClient, 'member.change'),
    onError: (e) => toast.show(errorMessage(e), { tone: 'error' }),
  });
  const remove = useMutation({
    mutationFn: () => api.delete(`/api/v1/members/${encodeURIComponent(member.id)}`),
    onSuccess: () => void invalidateAfter(queryClient, 'member.change'),
    onError: (e) => toast.show(errorMessage(e), { tone: 'error' }),
  });
  return (
    <tr>
      <td>
        <div className="who-name">{member.name}</div>
        <div className="small faint">{member.email}</div>
      </td>
      <td>
        {isOwner && member.id !== me ? (
          <select
            className="select select-sm"
            style={{ width: 'auto' }}
            aria-label={`Role of ${member.name}`}
            value={member.role}
            onChange={(e) => change.mutate(e.target.value as Role)}
          >
            <option value="owner">Owner</option>
            <option value="manager">Manager</option>
            <option value="rep">Rep</option>
          </select>
        ) : (
          <span className="badge">{member.role}</span>
        )}
      </td>
      <td className="small muted">{member.timeZone}</td>
      <td className="right">
        {isOwner && member.id !== me ? (
          <button
            type="button"
            className="btn btn-sm btn-ghost btn-danger"
            onClick={() => {
              if (
                window.confirm(`Remove ${member.name}? Their sessions and API tokens stop working.`)
              )
                remove.mutate();
            }}
          >
            Remove
          </button>
        ) : null}
      </td>
    </tr>
  );
}

/** An owner or manager makes a one-time reset link for a member (e-mailed when configured). */
function PasswordResetSection({
  members,
}: {
  members: { id: string; name: string; email: string }[];
}) {
  const [memberId, setMemberId] = useState('');
  const reset = useMutation({
    mutationFn: (id: string) =>
      api.post<{ link: string; expiresAt: string; emailed: boolean; notice: string | null }>(
        `/api/v1/members/${encodeURIComponent(id)}/password-reset`,
        {},
      ),
  });
  const chosen = members.find((m) => m.id === memberId);
  return (
    <Section
      title="Password resets"
      sub="A link for a member to set a new password: it works once, for an hour, and goes to them by e-mail when e-mail is configured."
    >
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault();
          if (memberId) reset.mutate(memberId);
        }}
      >
        <label className="field">
          <span>Member</span>
          <select
            className="input"
            required
            value={memberId}
            onChange={(e) => {
              setMemberId(e.target.value);
              reset.reset();
            }}
          >
            <option value="">Choose a member…</option>
            {members.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name} ({m.email})
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="btn" disabled={reset.isPending || !memberId}>
          Reset password
        </button>
      </form>
      <FormError error={reset.error} />
      {reset.data ? (
        <div className="alert alert-success" role="status" style={{ flexDirection: 'column' }}>
          {reset.data.emailed ? (
            <span>The link went to {chosen?.email ?? 'them'} by e-mail.</span>
          ) : reset.data.notice ? (
            <span>{reset.data.notice}</span>
          ) : null}
          <strong>Reset link (shown once, works until {reset.data.expiresAt}):</strong>
          <code style={{ wordBreak: 'break-all' }}>{reset.data.link}</code>
          <button
            type="button"
            className="btn btn-sm"
            onClick={() => void navigator.clipboard?.writeText(reset.data.link)}
          >
            Copy link
          </button>
        </div>
      ) : null}
    </Section>
  );
}

function MembersTab() {
  const me = useMe();
  const queryClient = useQueryClient();
  const members = useQuery(membersQuery);
  const invitations = useQuery({ ...invitationsQuery, enabled: isManager(me) });
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('rep');
  const [link, setLink] = useState<string | null>(null);
  const [mailed, setMailed] = useState<{ to: string | null; notice: string | null }>({
    to: null,
    notice: null,
  });
  const invite = useMutation({
    mutationFn: () =>
      api.post<{ invitation: Invitation; token: string; emailed: boolean; notice: string | null }>(
        '/api/v1/invitations',
        { email, role },
      ),
    onSuccess: (r) => {
      setMailed({ to: r.emailed ? r.invitation.email : null, notice: r.notice });
      setLink(`${window.location.origin}/join?token=${encodeURIComponent(r.token)}`);
      setEmail('');
      void invalidateAfter(queryClient, 'invitation.change');
    },
  });
  const revoke = useMutation({
    mutationFn: (id: string) => api.delete(`/api/v1/invitations/${encodeURIComponent(id)}`),
    onSuccess: () => void invalidateAfter(queryClient, 'invitation.change'),
  });
  const isOwner = me.member.role === 'owner';
  return (
    <>
      <Section title="Members">
        {members.isPending ? (
          <LoadingRows rows={3} />
        ) : members.isError ? (
          <ErrorState error={members.error} />
        ) : (
          <ScrollRegion label="Member table">
            <table className="table">
              <thead>
                <tr>
                  <th>Name</th>
                  <th>Role</th>
                  <th>Zone</th>
                  <th>
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {members.data.map((m) => (
                  <MemberRow key={m.id} member={m} me={me.member.id} isOwner={isOwner} />
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        )}
      </Section>
      {isManager(me) && members.data ? <PasswordResetSection members={members.data} /> : null}
      {isManager(me) ? (
        <Section
          title="Invitations"
          sub="Invite by e-mail: the link goes to them when e-mail is configured; otherwise pass it on yourself. It works once, for seven days."
        >
          <form
            className="row"
            onSubmit={(e) => {
              e.preventDefault();
              invite.mutate();
            }}
          >
            <input
              className="input"
              type="email"
              required
              aria-label="E-mail to invite"
              placeholder="name@company.com"
              value={email}
              onChange={(e) => setEmail(e.target.value)}
              style={{ flex: '1 1 220px', width: 'auto' }}
            />
            <select
              className="select"
              aria-label="Role"
              value={role}
              onChange={(e) => setRole(e.target.value as Role)}
              style={{ width: 'auto' }}
            >
              <option value="rep">Rep</option>
              <option value="manager">Manager</option>
              {isOwner ? <option value="owner">Owner</option> : null}
            </select>
            <button type="submit" className="btn btn-primary" disabled={invite.isPending}>
              Invite
            </button>
          </form>
          <FormError error={invite.error} />
          {link ? (
            <div className="alert alert-success" role="status" style={{ flexDirection: 'column' }}>
              {mailed.to ? (
                <span>The link went to {mailed.to} by e-mail.</span>
              ) : mailed.notice ? (
                <span>{mailed.notice}</span>
              ) : null}
              <strong>Invitation link (shown once):</strong>
              <code style={{ wordBreak: 'break-all' }}>{link}</code>
              <button
                type="button"
                className="btn btn-sm"
                onClick={() => void navigator.clipboard?.writeText(link)}
              >
                Copy link
              </button>
            </div>
          ) : null}
          {invitations.data && invitations.data.length > 0 ? (
            <table className="table">
              <thead>
                <tr>
                  <th>Invited</th>
                  <th>Role</th>
                  <th>Expires</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {invitations.data.map((i) => (
                  <tr key={i.id}>
                    <td>{i.email}</td>
                    <td>{i.role}</td>
                    <td className="muted small">{relativeDays(i.expiresAt)}</td>
                    <td className="right">
                      <button
                        type="button"
                        className="btn btn-sm btn-ghost"
                        onClick={() => revoke.mutate(i.id)}
                      >
                        Revoke
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </Section>
      ) : null}
    </>
  );
}

function TokensTab() {
  const queryClient = useQueryClient();
  const tokens = useQuery(tokensQuery);
  const [name, setName] = useState('');
  const [secret, setSecret] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: () =>
      api.post<{ id: string; name: string; token: string }>('/api/v1/tokens', { name }),
    onSuccess: (r) => {
      setSecret(r.token);
      setName('');
      void invalidateAfter(queryClient, 'token.change');
    },
  });
  const revoke = useMutation({
    mutationFn: (id: string) => api.delete(`/api/v1/tokens/${encodeURIComponent(id)}`),
    onSuccess: () => void invalidateAfter(queryClient, 'token.change'),
  });
  const live = (tokens.data ?? []).filter((t) => !t.revokedAt);
  return (
    <Section
      title="API tokens"
      sub="For scripts: send as Authorization: Bearer <token>. They act as you."
    >
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate();
        }}
      >
        <input
          className="input"
          required
          aria-label="Token name"
          placeholder="What it is for (e.g. CRM sync)"
          value={name}
          onChange={(e) => setName(e.target.value)}
          style={{ flex: '1 1 220px', width: 'auto' }}
        />
        <button type="submit" className="btn btn-primary" disabled={create.isPending}>
          Create token
        </button>
      </form>
      <FormError error={create.error} />
      {secret ? (
        <div className="alert alert-success" role="status" style={{ flexDirection: 'column' }}>
          <strong>Copy it now: it is not shown again.</strong>
          <code style={{ wordBreak: 'break-all' }}>{secret}</code>
        </div>
      ) : null}
      {tokens.isPending ? (
        <LoadingRows rows={2} />
      ) : live.length === 0 ? (
        <p className="small faint">No tokens yet.</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th>Name</th>
              <th>Created</th>
              <th>Last used</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {live.map((t) => (
              <tr key={t.id}>
                <td>{t.name}</td>
                <td className="small muted">{dateTime(t.createdAt)}</td>
                <td className="small muted">
                  {t.lastUsedAt ? relativeDays(t.lastUsedAt) : 'never'}
                </td>
                <td className="right">
                  <button
                    type="button"
                    className="btn btn-sm btn-ghost btn-danger"
                    onClick={() => revoke.mutate(t.id)}
                  >
                    Revoke
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Section>
  );
}

function DeliveryLog({ webhook }: { webhook: Webhook }) {
  const queryClient = useQueryClient();
  const deliveries = useQuery(webhookDeliveriesQuery(webhook.id));
  const replay = useMutation({
    mutationFn: (id: string) =>
      api.post<WebhookDelivery>(`/api/v1/webhook-deliveries/${encodeURIComponent(id)}/replay`),
    onSuccess: () => void invalidateAfter(queryClient, 'webhook.change'),
  });
  if (deliveries.isPending) return <LoadingRows rows={2} />;
  if (deliveries.isError) return <ErrorState error={deliveries.error} />;
  const rows = deliveries.data;
  if (rows.length === 0) return <p className="small faint">No deliveries yet.</p>;
  return (
    <ScrollRegion label={`Deliveries to ${webhook.url}`}>
      <table className="table">
        <thead>
          <tr>
            <th>Event</th>
            <th>Status</th>
            <th>Attempts</th>
            <th>Response</th>
            <th>Time</th>
            <th>Updated</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {rows.map((d) => (
            <tr key={d.id}>
              <td className="small">{d.eventType}</td>
              <td className="small">{d.status}</td>
              <td className="small">{d.attempts}</td>
              <td className="small muted">{d.responseCode ?? d.lastError ?? ''}</td>
              <td className="small muted">{d.durationMs === null ? '' : `${d.durationMs} ms`}</td>
              <td className="small muted">{dateTime(d.updatedAt)}</td>
              <td className="right">
                <button
                  type="button"
                  className="btn btn-sm btn-ghost"
                  onClick={() => replay.mutate(d.id)}
                  aria-label={`Replay ${d.eventType} delivery ${d.id}`}
                >
                  Replay
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

function WebhooksTab() {
  const queryClient = useQueryClient();
  const hooks = useQuery(webhooksQuery);
  const [url, setUrl] = useState('');
  const [events, setEvents] = useState<string[]>(['call.logged', 'deal.closed']);
  const [secret, setSecret] = useState<string | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: () =>
      api.post<{ webhook: Webhook; secret: string }>('/api/v1/webhooks', { url, events }),
    onSuccess: (r) => {
      setSecret(r.secret);
      setUrl('');
      void invalidateAfter(queryClient, 'webhook.change');
    },
  });
  const remove = useMutation({
    mutationFn: (id: string) => api.delete(`/api/v1/webhooks/${encodeURIComponent(id)}`),
    onSuccess: () => void invalidateAfter(queryClient, 'webhook.change'),
  });
  return (
    <Section
      title="Webhooks"
      sub="Signed HTTP calls (Standard Webhooks) to other tools when things happen. Retried for a day under the same webhook-id."
    >
      <form
        className="stack"
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate();
        }}
      >
        <input
          className="input"
          required
          type="url"
          aria-label="Webhook URL"
          placeholder="https://example.com/hooks/momentum"
          value={url}
          onChange={(e) => setUrl(e.target.value)}
        />
        <fieldset className="row" style={{ flexWrap: 'wrap', gap: 12, border: 0, padding: 0 }}>
          <legend className="small muted">Events</legend>
          {WEBHOOK_EVENTS.map((event) => (
            <label key={event} className="small">
              <input
                type="checkbox"
                checked={events.includes(event)}
                onChange={(e) =>
                  setEvents((now) =>
                    e.target.checked ? [...now, event] : now.filter((x) => x !== event),
                  )
                }
              />{' '}
              {event}
            </label>
          ))}
        </fieldset>
        <div>
          <button
            type="submit"
            className="btn btn-primary"
            disabled={create.isPending || events.length === 0}
          >
            Add webhook
          </button>
        </div>
      </form>
      <FormError error={create.error} />
      {secret ? (
        <div className="alert alert-success" role="status" style={{ flexDirection: 'column' }}>
          <strong>The signing secret; copy it now: it is not shown again.</strong>
          <code style={{ wordBreak: 'break-all' }}>{secret}</code>
        </div>
      ) : null}
      {hooks.isPending ? (
        <LoadingRows rows={2} />
      ) : hooks.isError ? (
        <ErrorState error={hooks.error} />
      ) : hooks.data.length === 0 ? (
        <p className="small faint">No webhooks yet.</p>
      ) : (
        hooks.data.map((w) => (
          <div key={w.id} className="stack" style={{ gap: 8 }}>
            <div className="row" style={{ justifyContent: 'space-between', flexWrap: 'wrap' }}>
              <div>
                <strong style={{ wordBreak: 'break-all' }}>{w.url}</strong>
                <div className="small muted">
                  {w.events.join(', ')} ·{' '}
                  {w.disabledAt ? `turned off: ${w.disabledReason ?? ''}` : 'on'}
                </div>
              </div>
              <div className="row" style={{ gap: 8 }}>
                <button
                  type="button"
                  className="btn btn-sm btn-ghost"
                  aria-expanded={open === w.id}
                  onClick={() => setOpen(open === w.id ? null : w.id)}
                >
                  Deliveries
                </button>
                <button
                  type="button"
                  className="btn btn-sm btn-ghost btn-danger"
                  onClick={() => remove.mutate(w.id)}
                  aria-label={`Remove webhook ${w.url}`}
                >
                  Remove
                </button>
              </div>
            </div>
            {open === w.id ? <DeliveryLog webhook={w} /> : null}
          </div>
        ))
      )}
    </Section>
  );
}

interface DigestSettings {
  enabled: boolean;
  time: string;
  timeZone: string;
  version: number;
  emailConfigured: boolean;
  notice: string | null;
}

/** The daily digest: on or off, and its time in the member's own zone. */
function NotificationsTab() {
  const queryClient = useQueryClient();
  const saved = useSaved();
  const settings = useQuery({
    queryKey: ['me', 'digest'],
    queryFn: () => api.get<DigestSettings>('/api/v1/me/digest'),
  });
  const [enabled, setEnabled] = useState(true);
  const [time, setTime] = useState('08:00');
  useEffect(() => {
    if (settings.data) {
      setEnabled(settings.data.enabled);
      setTime(settings.data.time);
    }
  }, [settings.data]);
  const save = useMutation({
    mutationFn: () => api.patch<DigestSettings>('/api/v1/me/digest', { enabled, time }),
    onSuccess: (data) => {
      queryClient.setQueryData(['me', 'digest'], data);
      saved('Digest settings');
    },
  });
  if (settings.isPending) return <LoadingRows rows={2} />;
  if (settings.isError) return <ErrorState error={settings.error} />;
  return (
    <Section
      title="Daily digest"
      sub={`An e-mail on your business days with today's items, what is late, neglected deals and your march (times in ${settings.data.timeZone}).`}
    >
      {settings.data.notice ? (
        <div className="alert" role="status">
          {settings.data.notice}
        </div>
      ) : null}
      <form
        className="stack"
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <label className="row" style={{ gap: 8 }}>
          <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} />
          Send me the daily digest
        </label>
        <label className="field">
          <span>Time</span>
          <input
            className="input"
            type="time"
            required
            value={time}
            onChange={(e) => setTime(e.target.value)}
            style={{ width: 'auto' }}
          />
        </label>
        <FormError error={save.error} />
        <div>
          <button type="submit" className="btn btn-primary" disabled={save.isPending}>
            Save
          </button>
        </div>
      </form>
    </Section>
  );
}

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
        panelClassName="stack"
        panelStyle={{ gap: 16 }}
      >
        {current === 'profile' ? <ProfileTab /> : null}
        {current === 'notifications' ? <NotificationsTab /> : null}
        {current === 'calendar' ? <CalendarTab /> : null}
        {current === 'playbook' ? <PlaybookTab canEdit={manager} /> : null}
        {current === 'stages' ? <StagesTab canEdit={manager} /> : null}
        {current === 'members' ? <MembersTab /> : null}
        {current === 'tokens' ? <TokensTab /> : null}
        {current === 'webhooks' ? <WebhooksTab /> : null}
      </Tabs>
    </div>
  );
}
