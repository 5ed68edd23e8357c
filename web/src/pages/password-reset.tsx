import { useMutation } from '@tanstack/react-query';
import { Link, getRouteApi } from '@tanstack/react-router';
import { useState } from 'react';
import { api, currentCsrfToken, setCsrfToken } from '../api/client.ts';
import { FormError } from '../components/states.tsx';
import { useDocumentTitle } from '../lib/document-title.ts';
import { AuthLayout } from './auth-layout.tsx';

/** "Forgot password?": asks for a link by e-mail. The answer is the same for every address. */
export function ForgotPasswordPage() {
  useDocumentTitle('Reset your password');
  const [email, setEmail] = useState('');
  const ask = useMutation({
    mutationFn: () =>
      api.post<{ message: string }>('/api/v1/password-resets', { email }, { quiet401: true }),
  });
  return (
    <AuthLayout>
      <div>
        <h1>Reset your password</h1>
        <p className="muted">
          Enter the e-mail address you sign in with. We send a link to set a new password.
        </p>
      </div>
      {ask.data ? (
        <div className="alert alert-info" role="status">
          <span>{ask.data.message}</span>
        </div>
      ) : (
        <form
          className="stack"
          onSubmit={(e) => {
            e.preventDefault();
            ask.mutate();
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
          <FormError error={ask.error} />
          <button type="submit" className="btn btn-primary btn-block" disabled={ask.isPending}>
            {ask.isPending ? 'Sending…' : 'Send the link'}
          </button>
        </form>
      )}
      <p className="small faint">
        No e-mail arriving? The server may not send e-mail: an owner or manager of your workspace
        can make you a reset link in Settings → Members. <Link to="/sign-in">Back to sign in</Link>
      </p>
    </AuthLayout>
  );
}

const route = getRouteApi('/reset-password/$token');

/** The link from the e-mail: set a new password, then the app opens signed in. */
export function ResetPasswordPage() {
  useDocumentTitle('Set a new password');
  const { token } = route.useParams();
  const [password, setPassword] = useState('');
  const [again, setAgain] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const reset = useMutation({
    mutationFn: async () => {
      // A browser still signed in (this page is outside the app) must send its session's CSRF
      // token; fetch it first. Signed out, there is none to send.
      if (!currentCsrfToken()) {
        try {
          const me = await api.get<{ csrfToken?: string | null }>('/api/v1/me', {
            quiet401: true,
          });
          setCsrfToken(me.csrfToken);
        } catch {
          // not signed in
        }
      }
      return api.post<void>(
        '/api/v1/password-resets/confirm',
        { token, password },
        { quiet401: true },
      );
    },
    // The answer set a fresh session cookie; a full load starts the app with it.
    onSuccess: () => window.location.assign('/'),
  });
  return (
    <AuthLayout>
      <div>
        <h1>Set a new password</h1>
        <p className="muted">Setting it signs you out on every other device.</p>
      </div>
      <form
        className="stack"
        onSubmit={(e) => {
          e.preventDefault();
          if (password !== again) return setMismatch(true);
          setMismatch(false);
          reset.mutate();
        }}
      >
        <label className="field">
          <span>New password</span>
          <input
            className="input"
            type="password"
            autoComplete="new-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            autoFocus
            aria-describedby="new-password-hint"
          />
        </label>
        <span id="new-password-hint" className="hint">
          At least 8 characters; a few words make a strong one.
        </span>
        <label className="field">
          <span>New password again</span>
          <input
            className="input"
            type="password"
            autoComplete="new-password"
            required
            value={again}
            onChange={(e) => setAgain(e.target.value)}
          />
        </label>
        {mismatch ? <FormError error={new Error('The two passwords differ.')} /> : null}
        <FormError error={reset.error} />
        <button type="submit" className="btn btn-primary btn-block" disabled={reset.isPending}>
          {reset.isPending ? 'Saving…' : 'Set the password and sign in'}
        </button>
      </form>
      {reset.error ? (
        <p className="small">
          <Link to="/forgot-password">Ask for a new link</Link>
        </p>
      ) : null}
    </AuthLayout>
  );
}
