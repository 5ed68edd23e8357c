import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { api, CSRF_HEADER, currentCsrfToken, errorMessage } from '../api/client.ts';
import { dealsQuery } from '../api/queries.ts';
import { announce } from '../components/a11y/announcer.tsx';
import { focusNeighbourItem } from '../lib/focus.ts';
import { useDocumentTitle } from '../lib/document-title.ts';
import { invalidateAfter } from '../api/invalidation.ts';

/** A message waiting for a deal (GET /api/v1/mail/inbox). Only plain text, never HTML. */
interface InboxMessage {
  id: string;
  status: 'ambiguous' | 'unfiled';
  reason: string | null;
  subject: string;
  sentAt: string;
  recipients: string[];
  candidateDealIds: string[];
}

/** Uploads one .eml as it is (Content-Type message/rfc822). */
async function uploadEml(file: File): Promise<unknown> {
  const headers: Record<string, string> = {
    'content-type': 'message/rfc822',
    accept: 'application/json',
  };
  const csrf = currentCsrfToken();
  if (csrf) headers[CSRF_HEADER] = csrf;
  const response = await fetch('/api/v1/mail/messages', {
    method: 'POST',
    headers,
    credentials: 'same-origin',
    body: file,
  });
  const body = (await response.json().catch(() => ({}))) as { detail?: string };
  if (!response.ok) throw new Error(body.detail ?? `Upload failed (${response.status}).`);
  return body;
}

function InboxRow({ message }: { message: InboxMessage }) {
  const queryClient = useQueryClient();
  const deals = useQuery(dealsQuery('open'));
  const choices = (deals.data ?? []).filter(
    (d) => message.candidateDealIds.length === 0 || message.candidateDealIds.includes(d.id),
  );
  const [dealId, setDealId] = useState('');
  const row = useRef<HTMLLIElement>(null);
  const file = useMutation({
    mutationFn: () => api.post(`/api/v1/mail/messages/${message.id}/file`, { dealId }),
    onSuccess: () => {
      // The row goes once the list is read again: the focus goes on to the next e-mail's deal
      // picker (or the previous one's), else to the list's heading, never to <body>.
      focusNeighbourItem(
        row.current,
        '.agenda-item',
        document.getElementById('waiting-title'),
        'select',
      );
      const deal = choices.find((d) => d.id === dealId);
      announce(`Filed “${message.subject || '(no subject)'}”${deal ? ` on ${deal.title}` : ''}.`);
    },
    onSettled: () => invalidateAfter(queryClient, 'mail.file'),
  });
  const pickerId = `deal-for-${message.id}`;
  return (
    <li className="agenda-item" ref={row}>
      <div>
        <strong>{message.subject || '(no subject)'}</strong>
        <div className="muted">
          {new Date(message.sentAt).toLocaleString()} · {message.recipients.join(', ') || '–'} ·{' '}
          {message.reason}
        </div>
      </div>
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault();
          if (dealId) file.mutate();
        }}
      >
        <label htmlFor={pickerId} className="sr-only">
          Deal for “{message.subject}”
        </label>
        <select
          id={pickerId}
          className="select select-sm w-auto"
          value={dealId}
          onChange={(e) => setDealId(e.target.value)}
        >
          <option value="">Choose a deal…</option>
          {choices.map((d) => (
            <option key={d.id} value={d.id}>
              {d.title}
            </option>
          ))}
        </select>
        <button
          type="submit"
          className="btn btn-sm btn-primary"
          disabled={!dealId || file.isPending}
        >
          File
        </button>
        {file.isError ? (
          <span role="alert" className="muted">
            {errorMessage(file.error)}
          </span>
        ) : null}
      </form>
    </li>
  );
}

/** The Inbox: e-mail that fitted several deals or none, and uploading an .eml by hand. */
export function InboxPage() {
  useDocumentTitle('Inbox');
  const queryClient = useQueryClient();
  const inbox = useQuery({
    queryKey: ['mail', 'inbox'],
    queryFn: () => api.get<InboxMessage[]>('/api/v1/mail/inbox'),
  });
  const upload = useMutation({
    mutationFn: uploadEml,
    onSettled: () => invalidateAfter(queryClient, 'mail.upload'),
  });
  const list = inbox.data ?? [];
  return (
    <div className="stack">
      <h1>Inbox</h1>
      <section className="card card-body" aria-labelledby="upload-title">
        <h2 id="upload-title" className="section-title">
          Add an e-mail
        </h2>
        <label htmlFor="eml-file">An .eml file saved from your mail client</label>{' '}
        <input
          id="eml-file"
          type="file"
          accept=".eml,message/rfc822"
          onChange={(e) => {
            const f = e.target.files?.[0];
            if (f) upload.mutate(f);
          }}
        />
        {upload.isError ? (
          <div className="alert alert-error" role="alert">
            {errorMessage(upload.error)}
          </div>
        ) : upload.isSuccess ? (
          <div className="alert alert-info" role="status">
            Read. Anything it kept is on Today; anything without a deal is below.
          </div>
        ) : null}
      </section>
      <section className="card" aria-labelledby="waiting-title">
        <header className="card-header">
          <h2 id="waiting-title">Waiting for a deal</h2>
        </header>
        {list.length === 0 ? (
          <p className="card-body muted">Nothing waiting.</p>
        ) : (
          <ul className="list" aria-label="E-mail waiting for a deal">
            {list.map((m) => (
              <InboxRow key={m.id} message={m} />
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
