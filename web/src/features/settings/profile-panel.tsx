import { invalidateAfter } from '../../api/invalidation.ts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { api, setCsrfToken } from '../../api/client.ts';
import { marchSettingsQuery } from '../../api/queries.ts';
import type { MarchSettings } from '../../api/types.ts';
import { useMe } from '../../app/session.ts';
import { IconButton } from '../../components/form/buttons.tsx';
import { FieldSet } from '../../components/form/field.tsx';
import { XIcon } from '../../components/icons.tsx';
import { ZoneRegionFields } from '../../components/profile-fields.tsx';
import { ErrorState, FormError, LoadingRows } from '../../components/states.tsx';
import { useToast } from '../../components/toast.tsx';
import { fullDate } from '../../lib/format.ts';
import { Section, useSaved } from './section.tsx';

/* The Profile tab: the member's password, and their calendar and march settings. */

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

function MarchForm({ settings }: { settings: MarchSettings }) {
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
      <FieldSet legend="Weekend">
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
      </FieldSet>
      <div className="field">
        <span className="field-label">Days off</span>
        <div className="row">
          {form.daysOff.length === 0 ? <span className="small faint">None</span> : null}
          {[...form.daysOff].sort().map((d) => (
            <span key={d} className="badge">
              {fullDate(d)}
              <IconButton
                label={`Remove day off ${d}`}
                size="sm"
                className="badge-remove"
                onClick={() => setForm({ ...form, daysOff: form.daysOff.filter((x) => x !== d) })}
              >
                <XIcon size={10} />
              </IconButton>
            </span>
          ))}
        </div>
        <div className="row">
          <input
            className="input day-off-input"
            type="date"
            aria-label="Add a day off"
            value={dayOff}
            onChange={(e) => setDayOff(e.target.value)}
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
      className="field-row items-end"
      onSubmit={(e) => {
        e.preventDefault();
        change.mutate();
      }}
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
      <div className="span-all">
        <FormError error={change.error} />
      </div>
    </form>
  );
}

export function ProfilePanel() {
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
          <MarchForm settings={settings.data} />
        )}
      </Section>
    </>
  );
}
