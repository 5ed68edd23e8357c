import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, getRouteApi, useNavigate } from '@tanstack/react-router';
import { lazy, Suspense, useMemo, useRef, useState } from 'react';
import { ApiError, api, errorMessage } from '../../api/client.ts';
import {
  accountsQuery,
  contactsQuery,
  byId,
  commitmentsQuery,
  dealQuery,
  healthQuery,
  membersQuery,
  nextStepQuery,
  stagesQuery,
  touchesQuery,
} from '../../api/queries.ts';
import type { Commitment, Deal, DealHealth, NextStep, TouchKind } from '../../api/types.ts';
import { useMe } from '../../app/session.ts';
import { announce } from '../../components/a11y/announcer.tsx';
import { RadioGroup } from '../../components/a11y/radio-group.tsx';
import { Tabs } from '../../components/a11y/tabs.tsx';
import { MomentumScore, StatusBadge } from '../../components/deal-bits.tsx';
import {
  InlineDueField,
  RenegotiateForm,
  RenegotiationHistory,
} from '../../components/promise-due.tsx';
import { Dialog } from '../../components/dialog.tsx';
import { AlertIcon, CallIcon, CheckIcon } from '../../components/icons.tsx';
import {
  EmptyState,
  ErrorState,
  FormError,
  LoadingRows,
  PageLoading,
} from '../../components/states.tsx';
import { useToast } from '../../components/toast.tsx';
import {
  addDays,
  capitalise,
  dateTime,
  money,
  relativeDays,
  shortDate,
  todayIn,
} from '../../lib/format.ts';
import { useDocumentTitle } from '../../lib/document-title.ts';
import { focusNeighbourItem, focusWhenReady } from '../../lib/focus.ts';
import { CallsPanel, LogCallLink } from './deal-calls.tsx';
import { CloseDealDialog } from './close-deal-dialog.tsx';
import { OutcomeCard } from './deal-outcome.tsx';
import { PlanPanel } from './deal-plan.tsx';
import './deal.css';
import { invalidateAfter } from '../../api/invalidation.ts';

const MomentumTrend = lazy(() => import('./momentum-trend.tsx'));

const route = getRouteApi('/app/deals/$dealId');

type Tab = 'promises' | 'plan' | 'calls' | 'touches';
const TABS: { id: Tab; label: string }[] = [
  { id: 'promises', label: 'Promises' },
  { id: 'plan', label: 'Plan' },
  { id: 'calls', label: 'Calls' },
  { id: 'touches', label: 'Touches' },
];

function MomentumCard({ health }: { health: DealHealth | undefined }) {
  const m = health?.momentum;
  return (
    <section className="card card-body stack" aria-labelledby="momentum-title">
      <div className="row justify-between">
        <h2 id="momentum-title" className="section-title m-0">
          Momentum
        </h2>
        <MomentumScore score={m?.score} />
      </div>
      {m && m.trend.length > 1 ? (
        <Suspense fallback={<div className="skeleton skeleton-120" />}>
          <MomentumTrend trend={m.trend} />
        </Suspense>
      ) : (
        <p className="small faint">The trend appears after a few days of history.</p>
      )}
      {m && m.factors.length > 0 ? (
        <ul className="factor-list small" aria-label="What makes the score">
          {m.factors.map((f) => (
            <li key={f.name}>
              <span className="muted">{f.detail}</span>
              <span
                className={`num ${f.effect > 0 ? 'factor-pos' : f.effect < 0 ? 'factor-neg' : 'faint'}`}
              >
                {f.effect > 0 ? `+${f.effect}` : f.effect}
              </span>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

function NeglectCard({ health }: { health: DealHealth | undefined }) {
  const n = health?.neglect;
  return (
    <section className="card card-body stack" aria-labelledby="neglect-title">
      <h2 id="neglect-title" className="section-title m-0">
        Neglect
      </h2>
      {!n ? (
        <div className="skeleton skeleton-40" />
      ) : n.neglected ? (
        <ul className="list stack gap-6">
          {n.details.map((d) => (
            <li key={d} className="row small flex-nowrap items-start neglect-reason">
              <AlertIcon size={14} className="neglect-icon" />
              <span>{d}</span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="row small cared-for">
          <CheckIcon size={14} /> Cared for: touched recently, next step booked, no promise overdue.
        </p>
      )}
    </section>
  );
}

function NextStepCard({ deal, step }: { deal: Deal; step: NextStep | null | undefined }) {
  const queryClient = useQueryClient();
  const me = useMe();
  const [editing, setEditing] = useState(false);
  const openerRef = useRef<HTMLButtonElement>(null);
  /** Leaves the form; focus goes back to the button that opened it. */
  const stopEditing = () => {
    setEditing(false);
    focusWhenReady(() => openerRef.current);
  };
  const [text, setText] = useState('');
  const [date, setDate] = useState(addDays(todayIn(me.member.timeZone), 1));
  const [time, setTime] = useState('');
  const save = useMutation({
    mutationFn: () =>
      api.post<NextStep>(`/api/v1/deals/${encodeURIComponent(deal.id)}/next-step`, {
        text,
        at: time ? `${date}T${time}` : date,
      }),
    onSuccess: () => {
      stopEditing();
      announce('Next step booked');
      setText('');
      void invalidateAfter(queryClient, 'next-step.set');
    },
  });
  return (
    <section className="card card-body stack" aria-labelledby="next-title">
      <div className="row justify-between">
        <h2 id="next-title" className="section-title m-0">
          Next step
        </h2>
        {!editing && deal.status === 'open' ? (
          <button
            ref={openerRef}
            type="button"
            className="btn btn-sm btn-ghost"
            onClick={() => setEditing(true)}
          >
            {step ? 'Change' : 'Book'}
          </button>
        ) : null}
      </div>
      {editing ? (
        <form
          className="stack gap-8"
          onSubmit={(e) => {
            e.preventDefault();
            save.mutate();
          }}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.preventDefault();
              stopEditing();
            }
          }}
        >
          <input
            className="input"
            aria-label="Next step"
            placeholder="Demo for the finance team"
            required
            value={text}
            onChange={(e) => setText(e.target.value)}
            autoFocus
          />
          <div className="row">
            <input
              className="input flex-1"
              type="date"
              aria-label="Next step date"
              required
              value={date}
              onChange={(e) => setDate(e.target.value)}
            />
            <input
              className="input next-step-time"
              type="time"
              aria-label="Next step time (optional)"
              value={time}
              onChange={(e) => setTime(e.target.value)}
            />
          </div>
          <FormError error={save.error} />
          <div className="row justify-end">
            <button type="button" className="btn btn-sm btn-ghost" onClick={stopEditing}>
              Cancel
            </button>
            <button type="submit" className="btn btn-sm btn-primary" disabled={save.isPending}>
              Book next step
            </button>
          </div>
        </form>
      ) : step ? (
        <div>
          <div className="next-step-text">{step.text}</div>
          <div className="small muted">
            {shortDate(step.due)}
            {step.time ? ` at ${step.time}` : ''} · {relativeDays(step.due, me.member.timeZone)}
          </div>
        </div>
      ) : deal.status !== 'open' ? (
        <p className="small muted">
          {deal.status === 'paused'
            ? `Paused${deal.reEngageOn ? ` until ${shortDate(deal.reEngageOn)}` : ''}: Today brings it back then.`
            : `The deal is ${deal.status}: no next step to book.`}
        </p>
      ) : (
        <p className="small muted">
          No next step booked. A deal without one drifts: agree a date with the customer.
        </p>
      )}
    </section>
  );
}

const CLASS_TONE = { early: 'badge-green', 'on-time': 'badge-blue', late: 'badge-amber' } as const;

function CommitmentRow({ c, today }: { c: Commitment; today: string }) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const done = useMutation({
    mutationFn: () => api.post(`/api/v1/commitments/${encodeURIComponent(c.id)}/done`),
    onSuccess: () => toast.show(`Marked done: ${c.text}`),
    onError: (e) => toast.show(errorMessage(e), { tone: 'error' }),
    onSettled: () => {
      void invalidateAfter(queryClient, 'commitment.change');
    },
  });
  const [renegotiating, setRenegotiating] = useState(false);
  const overdue = c.state === 'open' && c.due !== null && c.due < today;
  return (
    <li className="agenda-item commitment-item">
      <span className={`badge kind ${c.side === 'ours' ? 'badge-accent' : 'badge-amber'}`}>
        {c.side === 'ours' ? 'Ours' : 'Theirs'}
      </span>
      <div className="min-w-0">
        <div className={c.state === 'dropped' ? 'agenda-title struck' : 'agenda-title'}>
          {c.text}
        </div>
        <div className="agenda-meta">
          {c.due ? (
            <span className={overdue ? 'factor-neg' : undefined}>
              due {shortDate(c.due)}
              {c.dueTime ? ` ${c.dueTime}` : ''}
              {overdue ? ' · overdue' : ''}
            </span>
          ) : (
            <span className="factor-neg">no due date yet</span>
          )}
          {c.target && c.state === 'open' && c.side === 'ours' ? (
            <span>target {shortDate(c.target)}</span>
          ) : null}
          {c.snoozedUntil && c.state === 'open' ? (
            <span>snoozed to {shortDate(c.snoozedUntil)}</span>
          ) : null}
          {c.state === 'done' ? <span>kept {dateTime(c.doneAt)}</span> : null}
          {c.classification ? (
            <span className={`badge ${CLASS_TONE[c.classification]}`}>{c.classification}</span>
          ) : null}
          {c.state === 'dropped' ? <span>dropped: {c.droppedReason}</span> : null}
        </div>
        <RenegotiationHistory history={c.renegotiations} />
        {c.sentence ? <div className="small faint commitment-sentence">“{c.sentence}”</div> : null}
        {c.state === 'open' && c.due === null ? (
          <InlineDueField commitmentId={c.id} text={c.text} version={c.version} today={today} />
        ) : null}
        {renegotiating && c.due ? (
          <div className="card card-body renegotiate-card">
            <RenegotiateForm
              commitmentId={c.id}
              text={c.text}
              version={c.version}
              due={c.due}
              today={today}
              onDone={() => setRenegotiating(false)}
              onCancel={() => setRenegotiating(false)}
            />
          </div>
        ) : null}
      </div>
      <div className="agenda-actions">
        {c.state === 'open' && c.due && !renegotiating ? (
          <button
            type="button"
            className="btn btn-sm btn-ghost"
            onClick={() => setRenegotiating(true)}
            // The visible words are in the name (WCAG 2.5.3), after the action it starts.
            aria-label={`Renegotiate: new date for ${c.text}`}
          >
            New date
          </button>
        ) : null}
        {c.state === 'open' ? (
          <button
            type="button"
            className="btn btn-sm"
            onClick={(e) => {
              // The kept promise moves down the list and loses this button: the focus goes on
              // to the next open promise's button, or to the panel.
              const row = e.currentTarget.closest('li');
              focusNeighbourItem(
                row,
                '.agenda-item',
                row?.closest<HTMLElement>('[role="tabpanel"]'),
                '.agenda-actions button:not([disabled])',
              );
              done.mutate();
            }}
            disabled={done.isPending}
            aria-label={`${c.side === 'ours' ? 'Done' : 'Received'}: ${c.text}`}
          >
            <CheckIcon size={13} /> {c.side === 'ours' ? 'Done' : 'Received'}
          </button>
        ) : null}
      </div>
    </li>
  );
}

function PromisesPanel({ dealId, open = true }: { dealId: string; open?: boolean }) {
  const me = useMe();
  const list = useQuery(commitmentsQuery({ deal: dealId }));
  const today = todayIn(me.member.timeZone);
  const sorted = useMemo(() => {
    const order = { open: 0, done: 1, dropped: 2 };
    return [...(list.data ?? [])].sort(
      (a, b) =>
        order[a.state] - order[b.state] ||
        (a.target ?? a.due ?? '9999').localeCompare(b.target ?? b.due ?? '9999'),
    );
  }, [list.data]);
  if (list.isPending) return <LoadingRows rows={3} label="Loading promises" />;
  if (list.isError) return <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  if (sorted.length === 0) {
    return (
      <EmptyState
        title="No promises yet"
        action={open ? <LogCallLink dealId={dealId} /> : undefined}
      >
        {open
          ? 'Promises come from your calls: log one and confirm what each side promised.'
          : 'No promise was recorded on this deal.'}
      </EmptyState>
    );
  }
  return (
    <ul className="list" aria-label="Promises on this deal">
      {sorted.map((c) => (
        <CommitmentRow key={c.id} c={c} today={today} />
      ))}
    </ul>
  );
}

const TOUCH_LABEL: Record<TouchKind, string> = {
  email: 'E-mail',
  call: 'Call',
  meeting: 'Meeting',
  message: 'Message',
  other: 'Other',
  delivery: 'Promise kept',
  plan: 'Plan updated',
};

function TouchesPanel({ dealId }: { dealId: string }) {
  const touches = useQuery(touchesQuery(dealId));
  const members = useQuery(membersQuery);
  const memberById = byId(members.data);
  if (touches.isPending) return <LoadingRows rows={3} label="Loading touches" />;
  if (touches.isError)
    return <ErrorState error={touches.error} onRetry={() => void touches.refetch()} />;
  if (touches.data.length === 0) {
    return (
      <EmptyState title="No touches yet">
        Every e-mail, call or kept promise on this deal shows up here.
      </EmptyState>
    );
  }
  return (
    <ul className="timeline card-body" aria-label="Touches, newest first">
      {touches.data.map((t) => (
        <li key={t.id}>
          <div className="row small gap-6">
            <strong>{TOUCH_LABEL[t.kind] ?? t.kind}</strong>
            <span className="faint">
              {dateTime(t.at)} · {memberById.get(t.memberId)?.name ?? ''}
            </span>
          </div>
          {t.text ? <div className="small muted">{t.text}</div> : null}
        </li>
      ))}
    </ul>
  );
}

function LogTouchDialog({
  deal,
  open,
  onClose,
}: {
  deal: Deal;
  open: boolean;
  onClose: () => void;
}) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const [kind, setKind] = useState<TouchKind>('email');
  const [text, setText] = useState('');
  const log = useMutation({
    mutationFn: () => api.post('/api/v1/touches', { dealId: deal.id, kind, ...(text && { text }) }),
    onSuccess: () => {
      toast.show(`Logged a ${kind} on ${deal.title}`);
      setText('');
      onClose();
      void invalidateAfter(queryClient, 'touch.log');
    },
  });
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title="Log a touch"
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button
            type="button"
            className="btn btn-primary"
            disabled={log.isPending}
            onClick={() => log.mutate()}
          >
            Log {kind}
          </button>
        </>
      }
    >
      <RadioGroup
        label="Kind of touch"
        value={kind}
        onChange={setKind}
        options={(['email', 'call', 'meeting', 'message', 'other'] as TouchKind[]).map((k) => ({
          value: k,
          label: TOUCH_LABEL[k],
        }))}
      />
      <label className="field">
        <span>What happened (optional)</span>
        <textarea
          className="textarea touch-text"
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
      </label>
      <FormError error={log.error} />
    </Dialog>
  );
}

/** The people at the deal's account, each a link to the account page where they are edited. */
function DealContactsFact({ accountId }: { accountId: string }) {
  const contacts = useQuery(contactsQuery(accountId));
  if (!contacts.data?.length) return null;
  const shown = contacts.data.slice(0, 3);
  const more = contacts.data.length - shown.length;
  return (
    <div>
      <dt>Contacts</dt>
      <dd>
        {shown.map((c, i) => (
          <span key={c.id}>
            {i > 0 ? ', ' : null}
            <Link
              to="/accounts/$accountId"
              params={{ accountId }}
              title={[c.title, c.email].filter(Boolean).join(' · ') || undefined}
            >
              {c.name}
            </Link>
          </span>
        ))}
        {more > 0 ? <span className="muted"> +{more}</span> : null}
      </dd>
    </div>
  );
}

export function DealPage() {
  const { dealId } = route.useParams();
  const { tab = 'promises' } = route.useSearch();
  const navigate = useNavigate({ from: '/deals/$dealId' });
  const queryClient = useQueryClient();
  const toast = useToast();
  const deal = useQuery(dealQuery(dealId));
  const health = useQuery({ ...healthQuery(dealId), enabled: deal.isSuccess });
  const step = useQuery({ ...nextStepQuery(dealId), enabled: deal.isSuccess });
  const accounts = useQuery(accountsQuery);
  const stages = useQuery(stagesQuery);
  const members = useQuery(membersQuery);
  const [touchOpen, setTouchOpen] = useState(false);
  const [closeOpen, setCloseOpen] = useState(false);
  const missing = deal.error instanceof ApiError && deal.error.status === 404;
  useDocumentTitle(
    deal.data?.title ?? (missing ? 'Deal not found' : deal.isError ? 'Deal' : undefined),
  );

  const move = useMutation({
    mutationFn: (stageId: string) =>
      api.patch<Deal>(
        `/api/v1/deals/${encodeURIComponent(dealId)}`,
        { stage: stageId },
        { ifMatch: deal.data!.version },
      ),
    onSuccess: (updated) => {
      queryClient.setQueryData(dealQuery(dealId).queryKey, updated);
      void invalidateAfter(queryClient, 'deal.update');
      const stage = stages.data?.find((s) => s.id === updated.stageId);
      announce(`Moved to ${stage?.name ?? 'another stage'}`);
    },
    onError: (e) => {
      toast.show(errorMessage(e), { tone: 'error' });
      void deal.refetch();
    },
  });

  if (deal.isPending) return <PageLoading />;
  if (deal.isError) {
    return (
      <div className="page">
        <Link to="/deals" className="small">
          ← Deals
        </Link>
        {missing ? (
          <div className="card">
            <EmptyState title="Deal not found">
              There is no deal at this address, or it is not one you can see. Deals are visible to
              their owner, to whom they are shared with, and to managers.
            </EmptyState>
          </div>
        ) : (
          <ErrorState error={deal.error} onRetry={() => void deal.refetch()} />
        )}
      </div>
    );
  }
  const d = deal.data;
  const account = byId(accounts.data).get(d.accountId);
  const owner = byId(members.data).get(d.ownerId);
  const sortedStages = [...(stages.data ?? [])].sort((a, b) => a.position - b.position);

  return (
    <div className="page">
      <div className="deal-head">
        <Link to="/deals" className="small">
          ← Deals
        </Link>
        <div className="page-header">
          <div className="min-w-0">
            <h1>{d.title}</h1>
            <p className="subtitle">
              {account ? (
                <Link to="/accounts/$accountId" params={{ accountId: account.id }}>
                  {account.name}
                </Link>
              ) : (
                ''
              )}
            </p>
          </div>
          <div className="page-actions">
            {d.status === 'open' ? (
              <Link to="/calls/new" search={{ deal: d.id }} className="btn btn-primary">
                <CallIcon size={14} /> Log a call
              </Link>
            ) : null}
            {d.status === 'open' || d.status === 'paused' ? (
              <button type="button" className="btn" onClick={() => setTouchOpen(true)}>
                Log touch
              </button>
            ) : null}
            {d.status === 'open' ? (
              <button type="button" className="btn" onClick={() => setCloseOpen(true)}>
                Close or pause
              </button>
            ) : null}
          </div>
        </div>
        <dl className="facts">
          <div>
            <dt>Stage</dt>
            <dd>
              <select
                className="select select-sm w-auto"
                aria-label="Stage"
                value={d.stageId}
                // Not disabled while saving: that would throw the focus out of the menu.
                disabled={d.status !== 'open'}
                onChange={(e) => move.mutate(e.target.value)}
              >
                {sortedStages.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name}
                  </option>
                ))}
              </select>
            </dd>
          </div>
          <div>
            <dt>Status</dt>
            <dd>
              <StatusBadge status={d.status} />
            </dd>
          </div>
          <div>
            <dt>Amount</dt>
            <dd className="num">{money(d.amount, d.currency)}</dd>
          </div>
          <div>
            <dt>Owner</dt>
            <dd>{owner?.name ?? '—'}</dd>
          </div>
          <div>
            <dt>Expected close</dt>
            <dd>{d.expectedClose ? shortDate(d.expectedClose) : '—'}</dd>
          </div>
          <div>
            <dt>Last touch</dt>
            <dd>{relativeDays(d.lastTouchAt)}</dd>
          </div>
          <DealContactsFact accountId={d.accountId} />
          {d.status === 'paused' && d.reEngageOn ? (
            <div>
              <dt>Re-engage</dt>
              <dd>{shortDate(d.reEngageOn)}</dd>
            </div>
          ) : null}
          {d.closeReason ? (
            <div>
              <dt>Reason</dt>
              <dd>{capitalise(d.closeReason)}</dd>
            </div>
          ) : null}
        </dl>
      </div>

      <div className="grid-3">
        <MomentumCard health={health.data} />
        {d.status === 'open' ? <NeglectCard health={health.data} /> : <OutcomeCard deal={d} />}
        <NextStepCard deal={d} step={step.data} />
      </div>

      <section className="card">
        <Tabs
          label="Deal sections"
          tabs={TABS}
          selected={(TABS.find((t) => t.id === tab)?.id ?? 'promises') as Tab}
          onSelect={(id) =>
            navigate({ search: { tab: id === 'promises' ? undefined : id }, replace: true })
          }
        >
          {tab === 'plan' ? (
            <PlanPanel deal={d} />
          ) : tab === 'calls' ? (
            <CallsPanel dealId={d.id} open={d.status === 'open'} />
          ) : tab === 'touches' ? (
            <TouchesPanel dealId={d.id} />
          ) : (
            <PromisesPanel dealId={d.id} open={d.status === 'open'} />
          )}
        </Tabs>
      </section>
      <LogTouchDialog deal={d} open={touchOpen} onClose={() => setTouchOpen(false)} />
      {closeOpen ? <CloseDealDialog deal={d} onClose={() => setCloseOpen(false)} /> : null}
    </div>
  );
}
