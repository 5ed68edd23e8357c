import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { useId, useRef, useState } from 'react';
import { api } from '../api/client.ts';
import {
  accountDealsQuery,
  accountQuery,
  accountTimelineQuery,
  accountsQuery,
  byId,
  contactsQuery,
  stagesQuery,
} from '../api/queries.ts';
import type { Account, AccountEvent, Contact, Deal } from '../api/types.ts';
import { announce } from '../components/a11y/announcer.tsx';
import { ScrollRegion } from '../components/a11y/scroll-region.tsx';
import { MomentumScore, NeglectBadge, StatusBadge } from '../components/deal-bits.tsx';
import { PlusIcon } from '../components/icons.tsx';
import { EmptyState, ErrorState, FormError, LoadingRows } from '../components/states.tsx';
import { useDocumentTitle } from '../lib/document-title.ts';
import { focusWhenReady } from '../lib/focus.ts';
import { capitalise, dateTime, money, plural, relativeDays } from '../lib/format.ts';
import { OpenValue } from './accounts.tsx';
import { ContactDialog } from './contact-dialog.tsx';
import { invalidateAfter } from '../api/invalidation.ts';

/** The account's name and domain, shown, or edited in place. */
function AccountHeader({ account }: { account: Account }) {
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [form, setForm] = useState({ name: account.name, domain: account.domain ?? '' });
  const editButton = useRef<HTMLButtonElement>(null);
  const formId = useId();
  const save = useMutation({
    mutationFn: () =>
      api.patch<Account>(
        `/api/v1/accounts/${encodeURIComponent(account.id)}`,
        { name: form.name.trim(), domain: form.domain.trim() || null },
        { ifMatch: account.version },
      ),
    onSuccess: (saved) => {
      queryClient.setQueryData(accountQuery(account.id).queryKey, saved);
      void invalidateAfter(queryClient, 'account.update');
      announce(`Saved ${saved.name}.`);
      setEditing(false);
      focusWhenReady(() => editButton.current);
    },
  });
  if (!editing) {
    return (
      <div className="page-header">
        <div style={{ minWidth: 0 }}>
          <h1>{account.name}</h1>
          <p className="subtitle">{account.domain ?? 'No domain'}</p>
        </div>
        <div className="page-actions">
          <button
            ref={editButton}
            type="button"
            className="btn"
            onClick={() => {
              setForm({ name: account.name, domain: account.domain ?? '' });
              setEditing(true);
            }}
          >
            Edit account
          </button>
        </div>
      </div>
    );
  }
  const cancel = () => {
    save.reset();
    setEditing(false);
    focusWhenReady(() => editButton.current);
  };
  return (
    <div className="page-header">
      <h1 className="sr-only">{account.name}</h1>
      <form
        id={formId}
        className="card card-body stack"
        style={{ flex: 1 }}
        aria-label={`Edit ${account.name}`}
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
        onKeyDown={(e) => {
          if (e.key === 'Escape') cancel();
        }}
      >
        <div className="field-row">
          <label className="field">
            <span>Account name</span>
            <input
              className="input"
              required
              maxLength={200}
              value={form.name}
              onChange={(e) => setForm((f) => ({ ...f, name: e.target.value }))}
              autoFocus
            />
          </label>
          <label className="field">
            <span>Domain</span>
            <input
              className="input"
              maxLength={200}
              placeholder="acme.com"
              value={form.domain}
              onChange={(e) => setForm((f) => ({ ...f, domain: e.target.value }))}
            />
          </label>
        </div>
        <FormError error={save.error} />
        <div className="row">
          <button type="submit" className="btn btn-primary" disabled={save.isPending}>
            {save.isPending ? 'Saving…' : 'Save'}
          </button>
          <button type="button" className="btn" onClick={cancel}>
            Cancel
          </button>
        </div>
      </form>
    </div>
  );
}

/** Adds a contact from a row under the list, without leaving the page. */
function QuickAddContact({ accountId }: { accountId: string }) {
  const queryClient = useQueryClient();
  const nameRef = useRef<HTMLInputElement>(null);
  const [form, setForm] = useState({ name: '', title: '', email: '' });
  const add = useMutation({
    mutationFn: () =>
      api.post<Contact>('/api/v1/contacts', {
        account: accountId,
        name: form.name.trim(),
        title: form.title.trim() || null,
        email: form.email.trim() || null,
      }),
    onSuccess: (c) => {
      void invalidateAfter(queryClient, 'contact.save');
      announce(`Added ${c.name}.`);
      setForm({ name: '', title: '', email: '' });
      nameRef.current?.focus();
    },
  });
  return (
    <form
      className="card-body stack"
      aria-label="Add a contact"
      onSubmit={(e) => {
        e.preventDefault();
        add.mutate();
      }}
    >
      <div className="field-row">
        <label className="field">
          <span>Name</span>
          <input
            ref={nameRef}
            className="input"
            name="contact-name"
            required
            maxLength={200}
            autoComplete="off"
            value={form.name}
            onChange={(e) => setForm((f) => ({ ...f, name: e.target.value }))}
          />
        </label>
        <label className="field">
          <span>Title or role</span>
          <input
            className="input"
            name="contact-title"
            maxLength={200}
            autoComplete="off"
            value={form.title}
            onChange={(e) => setForm((f) => ({ ...f, title: e.target.value }))}
          />
        </label>
        <label className="field">
          <span>E-mail</span>
          <input
            className="input"
            name="contact-email"
            type="email"
            maxLength={254}
            autoComplete="off"
            value={form.email}
            onChange={(e) => setForm((f) => ({ ...f, email: e.target.value }))}
          />
        </label>
      </div>
      <FormError error={add.error} />
      <div>
        <button type="submit" className="btn btn-sm" disabled={add.isPending}>
          <PlusIcon size={13} /> {add.isPending ? 'Adding…' : 'Add contact'}
        </button>
      </div>
    </form>
  );
}

function ContactsCard({ accountId }: { accountId: string }) {
  const contacts = useQuery(contactsQuery(accountId));
  const [editing, setEditing] = useState<Contact | null>(null);
  return (
    <section className="card" aria-labelledby="contacts-title">
      <div className="card-header">
        <h2 id="contacts-title">Contacts</h2>
        <span className="muted small">
          {contacts.isSuccess ? plural(contacts.data.length, 'person', 'people') : ''}
        </span>
      </div>
      {contacts.isPending ? (
        <LoadingRows rows={2} label="Loading contacts" />
      ) : contacts.isError ? (
        <ErrorState error={contacts.error} onRetry={() => void contacts.refetch()} />
      ) : contacts.data.length === 0 ? (
        <p className="card-body muted small" style={{ margin: 0 }}>
          No contacts yet: add the people you talk to here.
        </p>
      ) : (
        <ul className="list" aria-label="Contacts">
          {contacts.data.map((c) => (
            <li key={c.id} className="card-body row" style={{ justifyContent: 'space-between' }}>
              <div style={{ minWidth: 0 }}>
                <strong>{c.name}</strong>
                {c.title ? <span className="muted"> · {c.title}</span> : null}
                <div className="small muted">
                  {c.email ? <a href={`mailto:${c.email}`}>{c.email}</a> : null}
                  {c.email && c.phone ? ' · ' : null}
                  {c.phone ? (
                    <a href={`tel:${c.phone.replace(/[^0-9+]/g, '')}`}>{c.phone}</a>
                  ) : null}
                </div>
              </div>
              <button
                type="button"
                className="btn btn-sm btn-ghost"
                aria-label={`Edit ${c.name}`}
                onClick={() => setEditing(c)}
              >
                Edit
              </button>
            </li>
          ))}
        </ul>
      )}
      <QuickAddContact accountId={accountId} />
      <ContactDialog
        open={editing !== null}
        onClose={() => setEditing(null)}
        accountId={accountId}
        contact={editing}
      />
    </section>
  );
}

function DealsCard({ accountId }: { accountId: string }) {
  const deals = useQuery(accountDealsQuery(accountId));
  const stages = byId(useQuery(stagesQuery).data);
  return (
    <section className="card" aria-labelledby="deals-title">
      <div className="card-header">
        <h2 id="deals-title">Deals</h2>
      </div>
      {deals.isPending ? (
        <LoadingRows rows={2} label="Loading deals" />
      ) : deals.isError ? (
        <ErrorState error={deals.error} onRetry={() => void deals.refetch()} />
      ) : deals.data.length === 0 ? (
        <p className="card-body muted small" style={{ margin: 0 }}>
          No deals you can see on this account.
        </p>
      ) : (
        <ScrollRegion label="Deals of this account">
          <table className="table">
            <thead>
              <tr>
                <th>Deal</th>
                <th>Stage</th>
                <th className="right">Amount</th>
                <th className="right">Momentum</th>
                <th>Last touch</th>
              </tr>
            </thead>
            <tbody>
              {deals.data.map((d: Deal) => (
                <tr key={d.id}>
                  <td>
                    <Link to="/deals/$dealId" params={{ dealId: d.id }}>
                      {d.title}
                    </Link>
                  </td>
                  <td>
                    <span className="row" style={{ gap: 4, flexWrap: 'nowrap' }}>
                      {stages.get(d.stageId)?.name ?? ''}
                      {d.status !== 'open' ? <StatusBadge status={d.status} /> : null}
                      <NeglectBadge deal={d} />
                    </span>
                  </td>
                  <td className="right num">{money(d.amount, d.currency)}</td>
                  <td className="right">
                    {d.status === 'open' ? <MomentumScore score={d.momentum} /> : null}
                  </td>
                  <td className="muted nowrap">{relativeDays(d.lastTouchAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </section>
  );
}

const EVENT_LABEL: Record<AccountEvent['kind'], string> = {
  call: 'Call',
  touch: 'Touch',
  'deal-opened': 'Deal opened',
  'contact-added': 'Contact added',
};

const TIMELINE_PAGE = 25;

function TimelineCard({ accountId }: { accountId: string }) {
  const events = useQuery(accountTimelineQuery(accountId));
  const [shown, setShown] = useState(TIMELINE_PAGE);
  const deals = byId(useQuery(accountDealsQuery(accountId)).data);
  return (
    <section className="card" aria-labelledby="timeline-title">
      <div className="card-header">
        <h2 id="timeline-title">Timeline</h2>
        <span className="muted small">Calls and touches over time, newest first</span>
      </div>
      {events.isPending ? (
        <LoadingRows rows={3} label="Loading the timeline" />
      ) : events.isError ? (
        <ErrorState error={events.error} onRetry={() => void events.refetch()} />
      ) : events.data.length === 0 ? (
        <EmptyState title="Nothing yet">
          Calls and touches on this account’s deals show here.
        </EmptyState>
      ) : (
        <ul className="timeline card-body" aria-label="Account timeline, newest first">
          {events.data.slice(0, shown).map((e) => {
            const deal = e.dealId ? deals.get(e.dealId) : undefined;
            return (
              <li key={`${e.kind}-${e.callId ?? e.touchId ?? e.dealId ?? e.contactId}-${e.at}`}>
                <div className="row small" style={{ gap: 6 }}>
                  <strong>
                    {e.kind === 'touch' && e.touchKind
                      ? capitalise(e.touchKind)
                      : EVENT_LABEL[e.kind]}
                  </strong>
                  <span className="faint">{dateTime(e.at)}</span>
                  {e.dealId && e.kind !== 'deal-opened' ? (
                    <Link to="/deals/$dealId" params={{ dealId: e.dealId }}>
                      {deal?.title ?? 'Deal'}
                    </Link>
                  ) : null}
                  {e.outcome ? <span className="badge">{capitalise(e.outcome)}</span> : null}
                </div>
                {e.kind === 'deal-opened' && e.dealId ? (
                  <div className="small">
                    <Link to="/deals/$dealId" params={{ dealId: e.dealId }}>
                      {e.text}
                    </Link>
                  </div>
                ) : e.text ? (
                  <div className="small muted">{e.text}</div>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
      {events.data && events.data.length > shown ? (
        <div className="card-body row" style={{ justifyContent: 'center' }}>
          <span className="small muted">
            Showing {shown} of {events.data.length}
          </span>
          <button
            type="button"
            className="btn btn-sm"
            onClick={() => setShown((n) => n + TIMELINE_PAGE)}
          >
            Show {Math.min(TIMELINE_PAGE, events.data.length - shown)} more
          </button>
        </div>
      ) : null}
    </section>
  );
}

/** One account: its details, people, deals and history. */
export function AccountPage() {
  const { accountId } = useParams({ from: '/app/accounts/$accountId' });
  const account = useQuery(accountQuery(accountId));
  const item = useQuery(accountsQuery).data?.find((a) => a.id === accountId);
  useDocumentTitle(account.isSuccess ? account.data.name : account.isError ? 'Account' : undefined);
  if (!account.isSuccess) {
    return (
      <div className="page">
        <Link to="/accounts" className="small">
          ← Accounts
        </Link>
        {account.isPending ? (
          <LoadingRows rows={4} label="Loading the account" />
        ) : (
          <>
            <h1>Account</h1>
            <ErrorState error={account.error} onRetry={() => void account.refetch()} />
          </>
        )}
      </div>
    );
  }
  const a = account.data;
  return (
    <div className="page">
      <div className="deal-head">
        <Link to="/accounts" className="small">
          ← Accounts
        </Link>
        <AccountHeader account={a} />
        <dl className="facts">
          <div>
            <dt>Deals</dt>
            <dd className="num">
              {item?.dealCount ?? '—'}
              {item?.openDealCount ? ` (${item.openDealCount} open)` : ''}
            </dd>
          </div>
          <div>
            <dt>Open value</dt>
            <dd className="num">{item ? <OpenValue item={item} /> : '—'}</dd>
          </div>
          <div>
            <dt>Last touch</dt>
            <dd>{relativeDays(item?.lastTouchAt ?? null)}</dd>
          </div>
          <div>
            <dt>Contacts</dt>
            <dd className="num">{item?.contactCount ?? '—'}</dd>
          </div>
        </dl>
      </div>
      <div className="grid-2">
        <ContactsCard accountId={a.id} />
        <DealsCard accountId={a.id} />
      </div>
      <TimelineCard accountId={a.id} />
    </div>
  );
}
