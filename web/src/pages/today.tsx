import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, getRouteApi, useNavigate } from '@tanstack/react-router';
import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { api, errorMessage } from '../api/client.ts';
import type { AgendaItem, AgendaKind, LaterItem, TodayAgenda, TouchKind } from '../api/types.ts';
import { useAnnounceChange } from '../components/a11y/announcer.tsx';
import { RadioGroup } from '../components/a11y/radio-group.tsx';
import { CheckIcon, ClockIcon, PlusIcon, TouchIcon } from '../components/icons.tsx';
import { MarchBar, marchMessage } from '../components/march-bar.tsx';
import { InlineDueField, RenegotiateForm } from '../components/promise-due.tsx';
import { EmptyState, ErrorState, LoadingRows } from '../components/states.tsx';
import { useToast } from '../components/toast.tsx';
import { useDocumentTitle } from '../lib/document-title.ts';
import { focusNeighbourItem, guardFocus } from '../lib/focus.ts';
import { addDays, longDate, plural, shortDate } from '../lib/format.ts';
import { stagesQuery } from '../api/queries.ts';
import { todayQuery } from './today-query.ts';
import { MailAsks, MailProposals } from './mail-proposals.tsx';
import { invalidateAfter } from '../api/invalidation.ts';

const NewDealDialog = lazy(() =>
  import('./new-deal-dialog.tsx').then((m) => ({ default: m.NewDealDialog })),
);

const route = getRouteApi('/app/');

const KIND_LABEL: Record<AgendaKind, string> = {
  deliver: 'Deliver',
  chase: 'Chase',
  meet: 'Meet',
  revive: 'Revive',
  prospect: 'Prospect',
};
const KIND_TONE: Record<AgendaKind, string> = {
  deliver: 'badge-accent',
  chase: 'badge-amber',
  meet: 'badge-blue',
  revive: 'badge-red',
  prospect: 'badge-violet',
};
/** The touch one click logs for an item: a meeting for a booked meeting, else an e-mail. */
const DEFAULT_TOUCH: Record<AgendaKind, TouchKind> = {
  deliver: 'email',
  chase: 'email',
  meet: 'meeting',
  revive: 'email',
  prospect: 'email',
};
const TOUCH_KINDS: TouchKind[] = ['email', 'call', 'meeting', 'message', 'other'];

function itemKey(item: AgendaItem): string {
  return [item.kind, item.commitmentId, item.nextStepId, item.callId, item.dealId, item.accountId]
    .filter(Boolean)
    .join(':');
}

type Action =
  | { type: 'done'; item: AgendaItem }
  | { type: 'touch'; item: AgendaItem; kind: TouchKind; text?: string }
  | { type: 'snooze'; item: AgendaItem; to: string; reason: string };

/** What an action does on the server; every one of them moves the agenda, most the march. */
function perform(action: Action): Promise<unknown> {
  const { item } = action;
  switch (action.type) {
    case 'done':
      return api.post(`/api/v1/commitments/${encodeURIComponent(item.commitmentId!)}/done`);
    case 'snooze':
      return api.post(`/api/v1/commitments/${encodeURIComponent(item.commitmentId!)}/snooze`, {
        to: action.to,
        reason: action.reason,
      });
    case 'touch':
      return api.post('/api/v1/touches', {
        dealId: item.dealId,
        kind: action.kind,
        ...(action.text ? { text: action.text } : {}),
        ...(item.kind === 'chase' && item.commitmentId ? { commitmentId: item.commitmentId } : {}),
      });
  }
}

/** One's own "done" on a deliver item is our promise kept; on a chase, theirs arrived. A kept
 * promise and a logged touch both add to the day's distance. */
function countsTowardsMarch(action: Action): boolean {
  return action.type === 'touch' || (action.type === 'done' && action.item.kind === 'deliver');
}

function useAgendaAction(date: string | undefined) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const key = todayQuery(date).queryKey;
  return useMutation({
    mutationFn: perform,
    onMutate: async (action) => {
      await queryClient.cancelQueries({ queryKey: key });
      const before = queryClient.getQueryData<TodayAgenda>(key);
      if (before && countsTowardsMarch(action)) {
        queryClient.setQueryData<TodayAgenda>(key, {
          ...before,
          march: { ...before.march, done: before.march.done + 1 },
        });
      }
      return { before };
    },
    onSuccess: (_data, action) => {
      const what =
        action.type === 'done'
          ? action.item.kind === 'chase'
            ? 'Marked as received'
            : 'Marked done'
          : action.type === 'snooze'
            ? `Snoozed to ${shortDate(action.to)}`
            : `Logged ${/^[aeiou]/.test(action.kind) ? 'an' : 'a'} ${action.kind}`;
      toast.show(`${what}: ${action.item.title}`);
    },
    onError: (error, _action, context) => {
      if (context?.before) queryClient.setQueryData(key, context.before);
      toast.show(errorMessage(error), { tone: 'error' });
    },
    onSettled: () => {
      void invalidateAfter(queryClient, 'today.action');
    },
  });
}

/** Closes a popover on a click outside it (focus stays where the click put it) or on Escape
 * (focus returns to the button that opened it). */
function useDismiss(open: boolean, close: (returnFocus: boolean) => void) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      if (ref.current && !ref.current.contains(e.target as Node)) close(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') close(true);
    };
    document.addEventListener('mousedown', onDown);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('mousedown', onDown);
      document.removeEventListener('keydown', onKey);
    };
  }, [open, close]);
  return ref;
}

function SnoozeForm({
  item,
  today,
  onSubmit,
  onCancel,
}: {
  item: AgendaItem;
  today: string;
  onSubmit: (to: string, reason: string) => void;
  onCancel: () => void;
}) {
  const latest = item.due ?? undefined;
  const [to, setTo] = useState(() => {
    const tomorrow = addDays(today, 1);
    return latest && latest < tomorrow ? latest : tomorrow;
  });
  const [reason, setReason] = useState('');
  return (
    <form
      className="stack"
      style={{ gap: 8 }}
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit(to, reason);
      }}
    >
      <strong className="small">Snooze until</strong>
      <input
        className="input input-sm"
        type="date"
        aria-label="Snooze until"
        required
        min={addDays(today, 1)}
        max={latest}
        value={to}
        onChange={(e) => setTo(e.target.value)}
        autoFocus
      />
      {latest ? (
        <span className="small faint">Not past its due date, {shortDate(latest)}.</span>
      ) : null}
      <input
        className="input input-sm"
        aria-label="Why snooze"
        required
        placeholder="Why? (e.g. waiting on legal)"
        value={reason}
        onChange={(e) => setReason(e.target.value)}
      />
      <div className="row" style={{ justifyContent: 'flex-end' }}>
        <button type="button" className="btn btn-sm btn-ghost" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="btn btn-sm btn-primary">
          Snooze
        </button>
      </div>
    </form>
  );
}

function TouchForm({
  item,
  onSubmit,
  onCancel,
}: {
  item: AgendaItem;
  onSubmit: (kind: TouchKind, text: string) => void;
  onCancel: () => void;
}) {
  const [kind, setKind] = useState<TouchKind>(DEFAULT_TOUCH[item.kind]);
  const [text, setText] = useState('');
  return (
    <form
      className="stack"
      style={{ gap: 8 }}
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit(kind, text);
      }}
    >
      <strong className="small">Log a touch</strong>
      <RadioGroup
        label="Kind of touch"
        value={kind}
        onChange={setKind}
        options={TOUCH_KINDS.map((k) => ({ value: k, label: k }))}
        style={{ flexWrap: 'wrap' }}
      />
      <input
        className="input input-sm"
        aria-label="What happened (optional)"
        placeholder="What happened (optional)"
        value={text}
        onChange={(e) => setText(e.target.value)}
        autoFocus
      />
      <div className="row" style={{ justifyContent: 'flex-end' }}>
        <button type="button" className="btn btn-sm btn-ghost" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="btn btn-sm btn-primary">
          Log {kind}
        </button>
      </div>
    </form>
  );
}

function AgendaRow({
  item,
  today,
  act,
  startDeal,
  planned,
  version,
}: {
  item: AgendaItem;
  today: string;
  act: (action: Action) => void;
  startDeal: (account: string) => void;
  planned?: string;
  /** When the agenda was last read: a fresh read shows the item as it now stands. */
  version: number;
}) {
  const [open, setOpen] = useState<'snooze' | 'touch' | 'renegotiate' | null>(null);
  const [cleared, setCleared] = useState(false);
  useEffect(() => setCleared(false), [version]);
  const rowRef = useRef<HTMLLIElement>(null);
  const close = (returnFocus: boolean) => {
    const opener = ref.current?.querySelector<HTMLElement>('[aria-expanded="true"]');
    setOpen(null);
    if (returnFocus) opener?.focus();
  };
  const ref = useDismiss(open !== null, close);
  const actions = item.actions ?? ['touch'];
  const canDone = actions.includes('done') && item.commitmentId;
  // A snooze never passes the due date: one due today or late has no day left to snooze to.
  const canSnooze =
    actions.includes('snooze') && item.commitmentId && (!item.due || item.due > today);
  const canTouch = actions.includes('touch') && item.dealId;
  // Due or late: no snooze, a new date agreed instead; no date yet: agree one inline.
  const canRenegotiate = actions.includes('renegotiate') && item.commitmentId && item.due;
  const needsDate = actions.includes('date') && item.commitmentId;
  const run = (action: Action) => {
    // This item's buttons are about to be disabled and the item to leave the list: focus goes
    // on to the next item's first action (or back up to the list's heading), not to <body>.
    const row = rowRef.current;
    const heading = row?.closest('section, .card')?.querySelector<HTMLElement>('h2, h3') ?? null;
    focusNeighbourItem(row, '.agenda-item', heading, '.agenda-actions button:not([disabled])');
    // The agenda read again may draw that neighbour in the other list (the march moved): the
    // focus follows it there rather than dropping to <body>.
    const next = document.activeElement?.closest('[data-item-key]')?.getAttribute('data-item-key');
    guardFocus(
      () =>
        (next
          ? document.querySelector<HTMLElement>(
              `[data-item-key="${CSS.escape(next)}"] .agenda-actions button:not([disabled])`,
            )
          : null) ?? (heading?.isConnected ? heading : document.querySelector('main h1')),
    );
    setOpen(null);
    setCleared(true);
    act(action);
  };
  const touchWord = item.kind === 'chase' ? 'Chased' : 'Touch';
  return (
    <li
      ref={rowRef}
      className={`agenda-item ${cleared ? 'is-done' : ''}`}
      data-kind={item.kind}
      data-item-key={itemKey(item)}
    >
      <span className={`badge kind ${KIND_TONE[item.kind]}`}>{KIND_LABEL[item.kind]}</span>
      <div style={{ minWidth: 0 }}>
        <div className="agenda-title">
          {item.time ? (
            <time className="agenda-time" data-testid="agenda-time">
              {item.time}
            </time>
          ) : null}
          {item.kind === 'deliver' || item.kind === 'chase' ? (
            item.title
          ) : item.dealId ? (
            <Link to="/deals/$dealId" params={{ dealId: item.dealId }}>
              {item.title}
            </Link>
          ) : (
            item.title
          )}
        </div>
        <div className="agenda-meta">
          <span>{item.reason}</span>
          {item.dealTitle &&
          (item.kind === 'deliver' || item.kind === 'chase' || item.kind === 'meet') &&
          item.dealId ? (
            <Link to="/deals/$dealId" params={{ dealId: item.dealId }} className="muted">
              {item.dealTitle}
            </Link>
          ) : null}
          {planned ? <span className="faint">planned {shortDate(planned)}</span> : null}
        </div>
        {needsDate ? (
          <InlineDueField commitmentId={item.commitmentId!} text={item.title} today={today} />
        ) : null}
      </div>
      <div className="agenda-actions popover-anchor" ref={ref}>
        {canDone ? (
          <button
            type="button"
            className="btn btn-sm"
            disabled={cleared}
            onClick={() => run({ type: 'done', item })}
            aria-label={`${item.kind === 'chase' ? 'Received' : 'Done'}: ${item.title}`}
          >
            <CheckIcon size={13} /> {item.kind === 'chase' ? 'Received' : 'Done'}
          </button>
        ) : null}
        {canTouch ? (
          <button
            type="button"
            className="btn btn-sm"
            disabled={cleared}
            onClick={() => run({ type: 'touch', item, kind: DEFAULT_TOUCH[item.kind] })}
            // The visible word starts the name (WCAG 2.5.3); the hint says what it logs.
            aria-label={`${touchWord}: ${item.title}`}
            title={`Log a${DEFAULT_TOUCH[item.kind] === 'email' ? 'n' : ''} ${DEFAULT_TOUCH[item.kind]}`}
          >
            <TouchIcon size={13} /> {touchWord}
          </button>
        ) : null}
        {canTouch ? (
          <button
            type="button"
            className="btn btn-sm btn-ghost btn-icon"
            aria-label={`Log another kind of touch: ${item.title}`}
            aria-expanded={open === 'touch'}
            disabled={cleared}
            onClick={() => setOpen(open === 'touch' ? null : 'touch')}
          >
            ▾
          </button>
        ) : null}
        {!item.dealId && item.accountId ? (
          <button
            type="button"
            className="btn btn-sm"
            aria-label={`Start a deal with ${item.title}`}
            onClick={() => startDeal(item.title)}
          >
            <PlusIcon size={13} /> Deal
          </button>
        ) : null}
        {canSnooze ? (
          <button
            type="button"
            className="btn btn-sm btn-ghost btn-icon"
            aria-label={`Snooze: ${item.title}`}
            aria-expanded={open === 'snooze'}
            disabled={cleared}
            onClick={() => setOpen(open === 'snooze' ? null : 'snooze')}
          >
            <ClockIcon size={14} />
          </button>
        ) : null}
        {canRenegotiate ? (
          <button
            type="button"
            className="btn btn-sm btn-ghost"
            // The visible words are in the name (WCAG 2.5.3), after the action it starts.
            aria-label={`Renegotiate: new date for ${item.title}`}
            aria-expanded={open === 'renegotiate'}
            disabled={cleared}
            onClick={() => setOpen(open === 'renegotiate' ? null : 'renegotiate')}
          >
            New date
          </button>
        ) : null}
        {open ? (
          <div
            className="popover"
            role="dialog"
            aria-label={
              open === 'snooze' ? 'Snooze' : open === 'renegotiate' ? 'New date' : 'Log a touch'
            }
          >
            {open === 'renegotiate' ? (
              <RenegotiateForm
                commitmentId={item.commitmentId!}
                text={item.title}
                due={item.due!}
                today={today}
                onDone={() => setOpen(null)}
                onCancel={() => setOpen(null)}
              />
            ) : open === 'snooze' ? (
              <SnoozeForm
                item={item}
                today={today}
                onCancel={() => close(true)}
                onSubmit={(to, reason) => run({ type: 'snooze', item, to, reason })}
              />
            ) : (
              <TouchForm
                item={item}
                onCancel={() => close(true)}
                onSubmit={(kind, text) => run({ type: 'touch', item, kind, text })}
              />
            )}
          </div>
        ) : null}
      </div>
    </li>
  );
}

function groupLater(later: LaterItem[]): [string, LaterItem[]][] {
  const groups = new Map<string, LaterItem[]>();
  for (const item of later) {
    const list = groups.get(item.planned) ?? [];
    list.push(item);
    groups.set(item.planned, list);
  }
  return [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : 1));
}

/**
 * An empty list says why, and never that all is well when it is not: with nothing open it says
 * what would help; under the floor with everything on track it says how to make up the day.
 */
function EmptyToday({ agenda, startDeal }: { agenda: TodayAgenda; startDeal: () => void }) {
  const { done, floor } = agenda.march;
  const nothingOpen = agenda.open !== undefined && agenda.open.deals + agenda.open.promises === 0;
  const actions = (
    <div className="row">
      <Link to="/calls/new" className="btn btn-primary btn-sm">
        Log a call
      </Link>
      <button type="button" className="btn btn-sm" onClick={startDeal}>
        <PlusIcon size={13} /> Add a deal
      </button>
    </div>
  );
  if (nothingOpen)
    return (
      <EmptyState title="Nothing open yet" icon={<PlusIcon />} action={actions}>
        Nothing to plan: you have no open deal or promise. Log a call to capture what was promised,
        add a deal, or add the accounts you sell to so that Today can suggest new conversations.
      </EmptyState>
    );
  if (agenda.businessDay !== false && done < floor)
    return (
      <EmptyState title="Nothing more due today" icon={<CheckIcon />} action={actions}>
        {done} of your floor of {floor} so far, and every open deal is on track with no promise to
        deliver early. Log a call on one of them, or add a deal to make up the day.
      </EmptyState>
    );
  return (
    <EmptyState
      title="Nothing due today"
      icon={<CheckIcon />}
      action={
        <Link to="/calls/new" className="btn btn-primary btn-sm">
          Log a call
        </Link>
      }
    >
      Every promise is on track. Log your last call to capture what was promised, or open a new
      conversation.
    </EmptyState>
  );
}

function MarchCard({ agenda }: { agenda: TodayAgenda }) {
  const { done, floor, ceiling } = agenda.march;
  return (
    <section className="card card-body march" aria-labelledby="march-title">
      <div>
        <h2 id="march-title" className="section-title" style={{ margin: 0 }}>
          Today&rsquo;s march
        </h2>
        <div className="march-figure" data-testid="march-done">
          {done}
          <small> / {floor}</small>
        </div>
      </div>
      <div>
        <MarchBar done={done} floor={floor} ceiling={ceiling} />
        <p className="small muted">{marchMessage(done, floor, ceiling)}</p>
      </div>
    </section>
  );
}

export function TodayPage() {
  const { date } = route.useSearch();
  const navigate = useNavigate({ from: '/' });
  // While another day loads, the day shown stays (and so do the day buttons and the focus
  // on them) instead of a skeleton.
  const agenda = useQuery({ ...todayQuery(date), placeholderData: keepPreviousData });
  const nextDayRef = useRef<HTMLButtonElement>(null);
  useDocumentTitle(agenda.data ? `Today — ${shortDate(agenda.data.date)}` : 'Today');
  useAnnounceChange(
    agenda.data?.date,
    agenda.data
      ? `${longDate(agenda.data.date)}: ${plural(agenda.data.items.filter((i) => !i.optional).length, 'item')} to do`
      : '',
  );
  const action = useAgendaAction(date);
  const act = (a: Action) => action.mutate(a);
  const [newDealFor, setNewDealFor] = useState<string | null>(null);
  const stages = useQuery({ ...stagesQuery, enabled: newDealFor !== null });

  if (agenda.isPending) {
    return (
      <div className="page page-narrow">
        <h1>Today</h1>
        <div className="skeleton" style={{ height: 96 }} />
        <LoadingRows rows={5} label="Loading today's agenda" />
      </div>
    );
  }
  if (agenda.isError) {
    return (
      <div className="page page-narrow">
        <h1>Today</h1>
        <ErrorState error={agenda.error} onRetry={() => void agenda.refetch()} />
      </div>
    );
  }
  const data = agenda.data;
  const required = data.items.filter((i) => !i.optional);
  const optional = data.items.filter((i) => i.optional);
  const later = groupLater(data.later);
  const go = (d: string | undefined) => navigate({ search: { date: d } });

  return (
    <div className="page page-narrow">
      <div className="page-header">
        <div>
          <h1>Today</h1>
          <p className="subtitle">
            {longDate(data.date)}
            {data.dayOff ? ` · ${data.dayOff}` : ''}
          </p>
        </div>
        <div className="page-actions">
          <div className="row" role="group" aria-label="Choose the day">
            <button
              type="button"
              className="btn btn-sm btn-icon"
              aria-label="Previous day"
              onClick={() => go(addDays(data.date, -1))}
            >
              ‹
            </button>
            {date ? (
              <button
                type="button"
                className="btn btn-sm"
                onClick={() => {
                  // This button goes away on today itself: focus stays in the day buttons.
                  nextDayRef.current?.focus();
                  void go(undefined);
                }}
              >
                Back to today
              </button>
            ) : null}
            <button
              type="button"
              ref={nextDayRef}
              className="btn btn-sm btn-icon"
              aria-label="Next day"
              onClick={() => go(addDays(data.date, 1))}
            >
              ›
            </button>
          </div>
          <Link to="/calls/new" className="btn btn-primary btn-sm hide-narrow">
            Log a call
          </Link>
        </div>
      </div>

      <MarchCard agenda={data} />

      <MailAsks />

      <MailProposals />

      {data.businessDay === false ? (
        <div className="alert alert-info" role="status">
          Not a business day{data.dayOff ? ` (${data.dayOff})` : ''}: only fixed items are listed.
          Rest is part of the march.
        </div>
      ) : null}

      <section className="card" aria-labelledby="todo-title">
        <header className="card-header">
          <h2 id="todo-title">To do</h2>
          <span className="muted">{plural(required.length, 'item')}</span>
        </header>
        {required.length === 0 ? (
          <EmptyToday agenda={data} startDeal={() => setNewDealFor('')} />
        ) : (
          <ul className="list" aria-label="To do today">
            {required.map((item) => (
              <AgendaRow
                key={itemKey(item)}
                item={item}
                today={data.date}
                act={act}
                startDeal={setNewDealFor}
                version={agenda.dataUpdatedAt}
              />
            ))}
          </ul>
        )}
      </section>

      {optional.length > 0 ? (
        <section className="card" aria-labelledby="optional-title">
          <header className="card-header">
            <h2 id="optional-title">If the day allows</h2>
            <span className="muted">up to your ceiling of {data.march.ceiling}</span>
          </header>
          <ul className="list" aria-label="Optional today">
            {optional.map((item) => (
              <AgendaRow
                key={itemKey(item)}
                item={item}
                today={data.date}
                act={act}
                startDeal={setNewDealFor}
                version={agenda.dataUpdatedAt}
              />
            ))}
          </ul>
        </section>
      ) : null}

      {later.length > 0 ? (
        <section className="stack" aria-labelledby="later-title">
          <h2 id="later-title" className="section-title">
            Coming up{' '}
            <span className="faint">
              {plural(data.later.length, 'item')} booked or planned on the next business days
            </span>
          </h2>
          {later.map(([day, items]) => (
            <div key={day} className="card">
              <header className="card-header">
                <h3>{shortDate(day)}</h3>
                <span className="muted small">{plural(items.length, 'item')}</span>
              </header>
              <ul className="list">
                {items.map((item) => (
                  <AgendaRow
                    key={itemKey(item)}
                    item={item}
                    today={data.date}
                    act={act}
                    startDeal={setNewDealFor}
                    version={agenda.dataUpdatedAt}
                  />
                ))}
              </ul>
            </div>
          ))}
          {data.unplanned ? (
            <p className="small faint">
              {plural(data.unplanned, 'more item')} did not fit the next days at your pace.
            </p>
          ) : null}
        </section>
      ) : null}
      {newDealFor !== null ? (
        <Suspense fallback={null}>
          <NewDealDialog
            open
            account={newDealFor}
            stages={stages.data ?? []}
            onClose={() => setNewDealFor(null)}
          />
        </Suspense>
      ) : null}
    </div>
  );
}
