import { invalidateAfter } from '../../api/invalidation.ts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api/client.ts';
import { tokensQuery } from '../../api/queries.ts';
import { announce } from '../../components/a11y/announcer.tsx';
import { FormError, LoadingRows } from '../../components/states.tsx';
import { focusNextRowButton } from '../../lib/focus.ts';
import { dateTime, relativeDays } from '../../lib/format.ts';
import { Section } from './section.tsx';

export function TokensPanel() {
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
    mutationFn: ({ id }: { id: string; name: string }) =>
      api.delete(`/api/v1/tokens/${encodeURIComponent(id)}`),
    onSuccess: (_data, { name }) => {
      announce(`Revoked ${name}.`);
      void invalidateAfter(queryClient, 'token.change');
    },
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
          className="input grow w-auto"
          required
          aria-label="Token name"
          placeholder="What it is for (e.g. CRM sync)"
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
        <button type="submit" className="btn btn-primary" disabled={create.isPending}>
          Create token
        </button>
      </form>
      <FormError error={create.error} />
      {secret ? (
        <div className="alert alert-success alert-stacked" role="status">
          <strong>Copy it now: it is not shown again.</strong>
          <code className="break-all">{secret}</code>
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
              <th>
                <span className="sr-only">Actions</span>
              </th>
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
                    aria-label={`Revoke ${t.name}`}
                    onClick={(e) => {
                      // The row goes: the focus goes on, never to <body>.
                      focusNextRowButton(e.currentTarget, 'tr');
                      revoke.mutate({ id: t.id, name: t.name });
                    }}
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
