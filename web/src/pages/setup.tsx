import { useMutation, useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { api } from '../api/client.ts';
import type { SignedIn } from '../api/types.ts';
import { firstRunQuery, useAcceptSession } from '../app/session.ts';
import { ZoneRegionFields } from '../components/profile-fields.tsx';
import { FormError } from '../components/states.tsx';
import { browserTimeZone, guessRegion } from '../lib/regions.ts';
import { AuthLayout } from './auth-layout.tsx';
import { useDocumentTitle } from '../lib/document-title.ts';

type Mode = 'empty' | 'sample';

/**
 * First run: the first person creates the workspace and becomes its owner. They can start
 * empty, or with a realistic sample team around them to explore the product first.
 */
export function SetupPage() {
  useDocumentTitle('Set up your workspace');
  const navigate = useNavigate();
  const accept = useAcceptSession();
  const firstRun = useQuery(firstRunQuery);
  const zone = browserTimeZone();
  const [form, setForm] = useState({
    workspace: '',
    name: '',
    email: '',
    password: '',
    timeZone: zone,
    region: guessRegion(zone),
  });
  const set = (patch: Partial<typeof form>) => setForm((f) => ({ ...f, ...patch }));
  const create = useMutation({
    mutationFn: (mode: Mode) =>
      mode === 'sample'
        ? api.post<SignedIn>('/api/v1/demo', form)
        : api.post<SignedIn>('/api/v1/auth/signup', form),
    onSuccess: async (signedIn) => {
      accept(signedIn);
      await navigate({ to: '/' });
    },
  });

  if (firstRun.data && !firstRun.data.firstRun) {
    return (
      <AuthLayout>
        <h1>This server is set up</h1>
        <p className="muted">
          A workspace already exists here. Sign in, or ask one of its owners for an invitation.
        </p>
        <Link to="/sign-in" className="btn btn-primary btn-block">
          Sign in
        </Link>
      </AuthLayout>
    );
  }

  return (
    <AuthLayout>
      <div>
        <h1>Set up Momentum</h1>
        <p className="muted">
          Create your team&rsquo;s workspace. You will be its owner and can invite your team next.
        </p>
      </div>
      <form
        className="stack"
        onSubmit={(e) => {
          e.preventDefault();
          const submitter = (e.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
          create.mutate(submitter?.value === 'sample' ? 'sample' : 'empty');
        }}
      >
        <label className="field">
          <span>Workspace name</span>
          <input
            className="input"
            required
            value={form.workspace}
            onChange={(e) => set({ workspace: e.target.value })}
            placeholder="Acme Sales"
            autoFocus
          />
        </label>
        <label className="field">
          <span>Your name</span>
          <input
            className="input"
            required
            autoComplete="name"
            value={form.name}
            onChange={(e) => set({ name: e.target.value })}
          />
        </label>
        <label className="field">
          <span>E-mail</span>
          <input
            className="input"
            type="email"
            required
            autoComplete="username"
            value={form.email}
            onChange={(e) => set({ email: e.target.value })}
          />
        </label>
        <label className="field">
          <span>Password</span>
          <input
            className="input"
            type="password"
            required
            minLength={8}
            autoComplete="new-password"
            value={form.password}
            onChange={(e) => set({ password: e.target.value })}
          />
          <span className="hint">At least 8 characters; not a common password.</span>
        </label>
        <ZoneRegionFields
          timeZone={form.timeZone}
          region={form.region}
          onChange={(next) => set(next)}
        />
        <FormError error={create.error} />
        <button
          type="submit"
          value="empty"
          className="btn btn-primary btn-block"
          disabled={create.isPending}
        >
          {create.isPending && create.variables === 'empty' ? 'Creating…' : 'Create workspace'}
        </button>
        <div className="auth-divider">or</div>
        <button type="submit" value="sample" className="btn btn-block" disabled={create.isPending}>
          {create.isPending && create.variables === 'sample'
            ? 'Loading sample data…'
            : 'Explore with sample data'}
        </button>
        <p className="small faint">
          Sample data adds a small team with deals in every stage, calls, promises and plans, dated
          around today, so every page has something to show.
        </p>
      </form>
    </AuthLayout>
  );
}
