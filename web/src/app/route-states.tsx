import { Link, type ErrorComponentProps } from '@tanstack/react-router';
import { ErrorState } from '../components/states.tsx';
import { useDocumentTitle } from '../lib/document-title.ts';

export function NotFound() {
  useDocumentTitle('Page not found');
  return (
    <main className="auth">
      <div className="card auth-card">
        <h1>Page not found</h1>
        <p className="muted">There is nothing at this address.</p>
        <Link to="/" className="btn btn-primary">
          Go to Today
        </Link>
      </div>
    </main>
  );
}

export function RouteError({ error, reset }: ErrorComponentProps) {
  useDocumentTitle('This page could not be shown');
  return (
    <div className="page">
      <ErrorState error={error} onRetry={reset} title="This page could not be shown" />
    </div>
  );
}
