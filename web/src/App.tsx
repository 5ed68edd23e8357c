import { useEffect, useState } from 'react';

interface Health {
  status: string;
  database: string;
  version: string;
}

/** A first page: it proves the app is served and talks to the API. The product pages follow. */
export function App() {
  const [health, setHealth] = useState<Health | null>(null);
  useEffect(() => {
    fetch('/api/v1/health')
      .then((r) => r.json() as Promise<Health>)
      .then(setHealth)
      .catch(() => setHealth(null));
  }, []);
  return (
    <main
      style={{
        fontFamily: 'system-ui, sans-serif',
        maxWidth: '40rem',
        margin: '4rem auto',
        padding: '0 1rem',
      }}
    >
      <h1>Momentum</h1>
      <p>Keep every promise early, march steadily, let no deal die of neglect.</p>
      <p data-testid="health">
        {health
          ? `API ${health.status} on ${health.database}, version ${health.version}`
          : 'Connecting to the API…'}
      </p>
    </main>
  );
}
