import type { ReactNode } from 'react';
import { errorMessage } from '../api/client.ts';
import { AlertIcon, SparkIcon } from './icons.tsx';

/** Shown while a page's data loads: the shape of what is coming, not a spinner in a void. */
export function LoadingRows({ rows = 4, label = 'Loading' }: { rows?: number; label?: string }) {
  return (
    <div className="stack" role="status" aria-live="polite" aria-label={label}>
      {Array.from({ length: rows }, (_, i) => (
        <div key={i} className="skeleton" style={{ height: 44, opacity: 1 - i * 0.15 }} />
      ))}
    </div>
  );
}

export function PageLoading({ title }: { title?: string }) {
  return (
    <div className="page">
      {title ? <h1>{title}</h1> : <div className="skeleton" style={{ height: 28, width: 180 }} />}
      <LoadingRows />
    </div>
  );
}

export function ErrorState({
  error,
  onRetry,
  title = 'This could not be loaded',
}: {
  error: unknown;
  onRetry?: () => void;
  title?: string;
}) {
  return (
    <div className="alert alert-error" role="alert">
      <AlertIcon />
      <div className="stack" style={{ gap: 6 }}>
        <strong>{title}</strong>
        <span>{errorMessage(error)}</span>
        {onRetry ? (
          <div>
            <button type="button" className="btn btn-sm" onClick={onRetry}>
              Try again
            </button>
          </div>
        ) : null}
      </div>
    </div>
  );
}

/** An empty list says what to do next, not just that there is nothing. */
export function EmptyState({
  title,
  children,
  action,
  icon,
}: {
  title: string;
  children?: ReactNode;
  action?: ReactNode;
  icon?: ReactNode;
}) {
  return (
    <div className="empty">
      <div className="empty-icon">{icon ?? <SparkIcon />}</div>
      <h3>{title}</h3>
      {children ? <p>{children}</p> : null}
      {action}
    </div>
  );
}

export function FormError({ error }: { error: unknown }) {
  if (!error) return null;
  return (
    <div className="alert alert-error" role="alert">
      <AlertIcon />
      <span>{errorMessage(error)}</span>
    </div>
  );
}
