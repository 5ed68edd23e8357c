import { invalidateAfter } from '../../api/invalidation.ts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api/client.ts';
import { webhookDeliveriesQuery, webhooksQuery } from '../../api/queries.ts';
import { WEBHOOK_EVENTS } from '../../api/types.ts';
import type { Webhook, WebhookDelivery } from '../../api/types.ts';
import { announce } from '../../components/a11y/announcer.tsx';
import { ScrollRegion } from '../../components/a11y/scroll-region.tsx';
import { ErrorState, FormError, LoadingRows } from '../../components/states.tsx';
import { focusNextRowButton } from '../../lib/focus.ts';
import { dateTime } from '../../lib/format.ts';
import { Section } from './section.tsx';

function DeliveryLog({ webhook }: { webhook: Webhook }) {
  const queryClient = useQueryClient();
  const deliveries = useQuery(webhookDeliveriesQuery(webhook.id));
  const replay = useMutation({
    mutationFn: (id: string) =>
      api.post<WebhookDelivery>(`/api/v1/webhook-deliveries/${encodeURIComponent(id)}/replay`),
    onSuccess: () => void invalidateAfter(queryClient, 'webhook.change'),
  });
  if (deliveries.isPending) return <LoadingRows rows={2} />;
  if (deliveries.isError) return <ErrorState error={deliveries.error} />;
  const rows = deliveries.data;
  if (rows.length === 0) return <p className="small faint">No deliveries yet.</p>;
  return (
    <ScrollRegion label={`Deliveries to ${webhook.url}`}>
      <table className="table">
        <thead>
          <tr>
            <th>Event</th>
            <th>Status</th>
            <th>Attempts</th>
            <th>Response</th>
            <th>Time</th>
            <th>Updated</th>
            <th>
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((d) => (
            <tr key={d.id}>
              <td className="small">{d.eventType}</td>
              <td className="small">{d.status}</td>
              <td className="small">{d.attempts}</td>
              <td className="small muted">{d.responseCode ?? d.lastError ?? ''}</td>
              <td className="small muted">{d.durationMs === null ? '' : `${d.durationMs} ms`}</td>
              <td className="small muted">{dateTime(d.updatedAt)}</td>
              <td className="right">
                <button
                  type="button"
                  className="btn btn-sm btn-ghost"
                  onClick={() => replay.mutate(d.id)}
                  aria-label={`Replay ${d.eventType} delivery ${d.id}`}
                >
                  Replay
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

export function WebhooksPanel() {
  const queryClient = useQueryClient();
  const hooks = useQuery(webhooksQuery);
  const [url, setUrl] = useState('');
  const [events, setEvents] = useState<string[]>(['call.logged', 'deal.closed']);
  const [secret, setSecret] = useState<string | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: () =>
      api.post<{ webhook: Webhook; secret: string }>('/api/v1/webhooks', { url, events }),
    onSuccess: (r) => {
      setSecret(r.secret);
      setUrl('');
      void invalidateAfter(queryClient, 'webhook.change');
    },
  });
  const remove = useMutation({
    mutationFn: (id: string) => api.delete(`/api/v1/webhooks/${encodeURIComponent(id)}`),
    onSuccess: () => {
      announce('Webhook removed.');
      void invalidateAfter(queryClient, 'webhook.change');
    },
  });
  return (
    <Section
      title="Webhooks"
      sub="Signed HTTP calls (Standard Webhooks) to other tools when things happen. Retried for a day under the same webhook-id."
    >
      <form
        className="stack"
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate();
        }}
      >
        <input
          className="input"
          required
          type="url"
          aria-label="Webhook URL"
          placeholder="https://example.com/hooks/momentum"
          value={url}
          onChange={(e) => setUrl(e.target.value)}
        />
        <fieldset className="row gap-12 events-fieldset">
          <legend className="small muted">Events</legend>
          {WEBHOOK_EVENTS.map((event) => (
            <label key={event} className="small">
              <input
                type="checkbox"
                checked={events.includes(event)}
                onChange={(e) =>
                  setEvents((now) =>
                    e.target.checked ? [...now, event] : now.filter((x) => x !== event),
                  )
                }
              />{' '}
              {event}
            </label>
          ))}
        </fieldset>
        <div>
          <button
            type="submit"
            className="btn btn-primary"
            disabled={create.isPending || events.length === 0}
          >
            Add webhook
          </button>
        </div>
      </form>
      <FormError error={create.error} />
      {secret ? (
        <div className="alert alert-success alert-stacked" role="status">
          <strong>The signing secret; copy it now: it is not shown again.</strong>
          <code className="break-all">{secret}</code>
        </div>
      ) : null}
      {hooks.isPending ? (
        <LoadingRows rows={2} />
      ) : hooks.isError ? (
        <ErrorState error={hooks.error} />
      ) : hooks.data.length === 0 ? (
        <p className="small faint">No webhooks yet.</p>
      ) : (
        hooks.data.map((w) => (
          <div key={w.id} className="stack gap-8 webhook-item">
            <div className="row justify-between">
              <div>
                <strong className="break-all">{w.url}</strong>
                <div className="small muted">
                  {w.events.join(', ')} ·{' '}
                  {w.disabledAt ? `turned off: ${w.disabledReason ?? ''}` : 'on'}
                </div>
              </div>
              <div className="row gap-8">
                <button
                  type="button"
                  className="btn btn-sm btn-ghost"
                  aria-expanded={open === w.id}
                  onClick={() => setOpen(open === w.id ? null : w.id)}
                >
                  Deliveries
                </button>
                <button
                  type="button"
                  className="btn btn-sm btn-ghost btn-danger"
                  onClick={(e) => {
                    // The webhook goes: the focus goes on, never to <body>.
                    focusNextRowButton(e.currentTarget, '.webhook-item');
                    remove.mutate(w.id);
                  }}
                  aria-label={`Remove webhook ${w.url}`}
                >
                  Remove
                </button>
              </div>
            </div>
            {open === w.id ? <DeliveryLog webhook={w} /> : null}
          </div>
        ))
      )}
    </Section>
  );
}
