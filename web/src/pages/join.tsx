import { useMutation } from '@tanstack/react-query';
import { Link, getRouteApi, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { api } from '../api/client.ts';
import type { SignedIn } from '../api/types.ts';
import { useAcceptSession } from '../app/session.ts';
import { ZoneRegionFields } from '../components/profile-fields.tsx';
import { FormError } from '../components/states.tsx';
import { browserTimeZone, guessRegion } from '../lib/regions.ts';
import { AuthLayout } from './auth-layout.tsx';
import { useDocumentTitle } from '../lib/document-title.ts';

const route = getRouteApi('/join');

/** Accepting an invitation: the link carries the token; the person sets their password. */
export function JoinPage() {
  useDocumentTitle('Join your team');
  const { token } = route.useSearch();
  const navigate = useNavigate();
  const accept = useAcceptSession();
  const zone = browserTimeZone();
  const [form, setForm] = useState({
    name: '',
    password: '',
    timeZone: zone,
    region: guessRegion(zone),
  });
  const join = useMutation({
    mutationFn: () =>
      api.post<SignedIn>('/api/v1/auth/accept-invitation', { token, ...form }, { quiet401: true }),
    onSuccess: async (signedIn) => {
      accept(signedIn);
      await navigate({ to: '/' });
    },
  });
  if (!token) {
    return (
      <AuthLayout>
        <h1>Invitation link incomplete</h1>
        <p className="muted">
          This link has no invitation token. Copy the whole link from the invitation, or ask for a
          new one.
        </p>
        <Link to="/sign-in" className="btn btn-block">
          Sign in instead
        </Link>
      </AuthLayout>
    );
  }
  return (
    <AuthLayout>
      <div>
        <h1>Join your team</h1>
        <p className="muted">Set your name, a password and your calendar to get started.</p>
      </div>
      <form
        className="stack"
        onSubmit={(e) => {
          e.preventDefault();
          join.mutate();
        }}
      >
        <label className="field">
          <span>Your name</span>
          <input
            className="input"
            required
            autoComplete="name"
            value={form.name}
            onChange={(e) => setForm({ ...form, name: e.target.value })}
            autoFocus
          />
        </label>
        <label className="field">
          <span>Password</span>
          <input
            className="input"
            type="password"
            required
            autoComplete="new-password"
            value={form.password}
            onChange={(e) => setForm({ ...form, password: e.target.value })}
          />
          <span className="hint">
            Already in another workspace on this server? Enter that account&rsquo;s password.
          </span>
        </label>
        <ZoneRegionFields
          timeZone={form.timeZone}
          region={form.region}
          onChange={(next) => setForm({ ...form, ...next })}
        />
        <FormError error={join.error} />
        <button type="submit" className="btn btn-primary btn-block" disabled={join.isPending}>
          {join.isPending ? 'Joining…' : 'Join the workspace'}
        </button>
      </form>
    </AuthLayout>
  );
}
