import type { ReactNode } from 'react';
import { useToast } from '../../components/toast.tsx';

/** One card of a settings panel: a titled region with an optional line under its title. */
export function Section({
  title,
  sub,
  children,
}: {
  title: string;
  sub?: string;
  children: ReactNode;
}) {
  return (
    <section className="card" aria-label={title}>
      <header className="card-header card-header-stacked">
        <h2>{title}</h2>
        {sub ? <span className="muted small">{sub}</span> : null}
      </header>
      <div className="card-body stack">{children}</div>
    </section>
  );
}

/** A toast saying what was saved. */
export function useSaved() {
  const toast = useToast();
  return (what: string) => toast.show(`${what} saved`);
}
