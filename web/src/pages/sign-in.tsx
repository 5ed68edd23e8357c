import { useMutation, useQuery } from '@tanstack/react-query';
import { Link, getRouteApi, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { api } from '../api/client.ts';
import type { SignedIn } from '../api/types.ts';
import { firstRunQuery, useAcceptSession } from '../app/session.ts';
import { FormError } from '../components/states.tsx';
import { AuthLayout } from './auth-layout.tsx';
import { useDocumentTitle } from '../lib/document-title.ts';

const route = getRouteApi('/sign-in');

/** Only same-app paths are followed after sign-in: never an address on another site. */
export function safeNext(next: string | undefined): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export function SignInPage() {
  useDocumentTitle('Sign in');
  const { next } = route.useSearch();
  const navigate = useNavigate();
  const accept = useAcceptSession();
  const firstRun = useQuery(firstRunQuery);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const signIn = useMutation({
    mutationFn: () =>
      api.post<SignedIn>('/api/v1/auth/login', { email, password }, { quiet401: true }),
    onSuccess: async (signedIn) => {
      accept(signedIn);
      await navigate({ href: safeNext(next) });
    },
  });

  return (
    <AuthLayout>
      <div>
        <h1>Sign in</h1>
        <p className="muted">Keep every promise early and every deal moving.</p>
      </div>
      {firstRun.data?.firstRun ? (
        <div className="alert alert-info" role="status">
          <span>
            This server has no workspace yet. <Link to="/setup">Set one up</Link> or explore it with
            sample data.
          </span>
        </div>
      ) : null}
      <form
        className="stack"
        onSubmit={(e) => {
          e.preventDefault();
          signIn.mutate();
        }}
      >
        <label className="field">
          <span>E-mail</span>
          <input
            className="input"
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            autoFocus
          />
        </label>
        <label className="field">
          <span>Password</span>
          <input
            className="input"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        <FormError error={signIn.error} />
        <button type="submit" className="btn btn-primary btn-block" disabled={signIn.isPending}>
          {signIn.isPending ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
      <p className="small">
        <Link to="/forgot-password">Forgot password?</Link>
      </p>
      <p className="small faint">
        No account? Ask an owner of your workspace for an invitation link.
      </p>
    </AuthLayout>
  );
}
