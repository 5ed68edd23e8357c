import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useEffect, useMemo, useRef, useState } from 'react';
import { api } from '../api/client.ts';
import { accountsQuery, byId, dealsQuery, habitsQuery } from '../api/queries.ts';
import type {
  CallPreview,
  HabitState,
  Milestone,
  Outcome,
  PlanRevision,
  PoorReason,
  ProposedCommitment,
  Side,
  SuggestedAttendee,
} from '../api/types.ts';
import { useMe } from '../app/session.ts';
import { RadioGroup } from '../components/a11y/radio-group.tsx';
import { PlusIcon, SparkIcon, XIcon } from '../components/icons.tsx';
import { LessonHabitsPicker } from '../components/lesson-habits.tsx';
import { EmptyState, FormError } from '../components/states.tsx';
import { useToast } from '../components/toast.tsx';
import { nowLocalIn, plural, shortDate } from '../lib/format.ts';
import { REASONS } from './close-deal-dialog.tsx';
import { ContactDialog } from './contact-dialog.tsx';
import { planQuery } from './deal-plan.tsx';
import { useDocumentTitle } from '../lib/document-title.ts';
import { explicitSubmitKeys } from '../lib/explicit-submit.ts';
import { invalidateAfter } from '../api/invalidation.ts';

const route = getRouteApi('/app/calls/new');

/** A proposed promise as the person edits it; `edited` rows survive a new reading of the notes. */
interface Proposal {
  key: string;
  include: boolean;
  side: Side;
  text: string;
  due: string;
  dueTime: string | null;
  target: string | null;
  sentence: string | null;
  edited: boolean;
}

interface MilestoneChange {
  id?: string;
  title?: string;
  side?: Side;
  date?: string | null;
  state?: Milestone['state'];
}

let nextKey = 0;
const newKey = () => `p${++nextKey}`;

function fromExtraction(p: ProposedCommitment): Proposal {
  return {
    key: newKey(),
    include: true,
    side: p.side,
    text: p.text,
    due: p.due ?? '',
    dueTime: p.dueTime,
    target: p.target,
    sentence: p.sentence,
    edited: false,
  };
}

/** A fresh reading of the notes replaces untouched proposals and keeps what the person edited
 * or added by hand. */
function mergeProposals(current: Proposal[], extracted: ProposedCommitment[]): Proposal[] {
  const kept = current.filter((p) => p.edited || p.sentence === null);
  const keptSentences = new Set(kept.map((p) => `${p.sentence}|${p.side}`));
  const byIdentity = new Map(current.map((p) => [`${p.sentence}|${p.side}|${p.text}`, p]));
  const fresh = extracted
    .filter((p) => !keptSentences.has(`${p.sentence}|${p.side}`))
    .map((p) => {
      const same = byIdentity.get(`${p.sentence}|${p.side}|${p.text}`);
      return same && !same.edited
        ? { ...fromExtraction(p), key: same.key, include: same.include }
        : fromExtraction(p);
    });
  const order = new Map(extracted.map((p, i) => [p.sentence, i]));
  return [...fresh, ...kept].sort(
    (a, b) => (order.get(a.sentence ?? '') ?? 1e9) - (order.get(b.sentence ?? '') ?? 1e9),
  );
}

const SIDE_OPTIONS: { value: Side; label: string }[] = [
  { value: 'ours', label: 'We' },
  { value: 'theirs', label: 'They' },
];

const HABIT_STATES: { value: HabitState; label: string }[] = [
  { value: 'no', label: 'Not done' },
  { value: 'partly', label: 'Partly' },
  { value: 'done', label: 'Done' },
];

const OUTCOMES: { value: Outcome; label: string; hint: string }[] = [
  { value: 'advanced', label: 'Advanced', hint: 'The deal moved forward' },
  { value: 'no-change', label: 'No change', hint: 'Useful, but nothing moved' },
  { value: 'setback', label: 'Setback', hint: 'It went backwards — still progress if you learn' },
];

function ProposalRow({
  p,
  onChange,
  onRemove,
}: {
  p: Proposal;
  onChange: (patch: Partial<Proposal>) => void;
  onRemove: () => void;
}) {
  const label = p.text || 'new promise';
  return (
    <li className={`proposal ${p.include ? '' : 'excluded'}`} data-testid="proposal">
      <input
        type="checkbox"
        checked={p.include}
        onChange={(e) => onChange({ include: e.target.checked })}
        aria-label={`Keep: ${label}`}
        style={{ width: 16, height: 16, accentColor: 'var(--accent)' }}
      />
      <RadioGroup
        label={`Who promised: ${label}`}
        value={p.side}
        onChange={(side) => onChange({ side, edited: true })}
        options={SIDE_OPTIONS}
      />
      <input
        className="input"
        aria-label={`What was promised: ${label}`}
        value={p.text}
        required={p.include}
        onChange={(e) => onChange({ text: e.target.value, edited: true })}
      />
      <input
        className="input"
        type="date"
        aria-label={`Due date: ${label}`}
        value={p.due}
        onChange={(e) => onChange({ due: e.target.value, target: null, edited: true })}
      />
      <button
        type="button"
        className="btn btn-ghost btn-icon"
        aria-label={`Remove: ${label}`}
        onClick={onRemove}
      >
        <XIcon size={14} />
      </button>
      <div className="sentence">
        {p.due ? (
          p.target ? (
            <span data-testid="proposal-dates">
              Due {shortDate(p.due)} → <strong>target {shortDate(p.target)}</strong>
              {p.side === 'ours'
                ? ' (deliver early). '
                : ' (check it is on its way; Today has you chase it once it is late). '}
            </span>
          ) : (
            <span data-testid="proposal-dates">
              Due {shortDate(p.due)}; the early target is set when you save.{' '}
            </span>
          )
        ) : !p.due ? (
          <span style={{ color: 'var(--amber)' }}>
            No date: add one, or Today will ask for it.{' '}
          </span>
        ) : null}
        {p.sentence ? <span>“{p.sentence}”</span> : <span>Added by hand.</span>}
      </div>
    </li>
  );
}

function PlanMoves({
  dealId,
  changes,
  setChanges,
}: {
  dealId: string;
  changes: MilestoneChange[];
  setChanges: (next: MilestoneChange[]) => void;
}) {
  const plan = useQuery(planQuery(dealId));
  const latest: PlanRevision | null | undefined = plan.data;
  const milestones = latest?.document.milestones.filter((m) => m.state === 'open') ?? [];
  const changeOf = (id: string) => changes.find((c) => c.id === id);
  const setChange = (id: string, patch: MilestoneChange) => {
    const rest = changes.filter((c) => c.id !== id);
    const merged = { ...changeOf(id), ...patch, id };
    setChanges([...rest, merged]);
  };
  const added = changes.filter((c) => !c.id);
  return (
    <div className="stack" style={{ gap: 8 }}>
      {milestones.length === 0 && added.length === 0 ? (
        <p className="small faint">
          {latest ? 'No open milestones.' : 'This deal has no plan yet.'} Add what both sides agreed
          to do next.
        </p>
      ) : null}
      {milestones.map((m) => {
        const c = changeOf(m.id);
        const state = c?.state ?? m.state;
        const date = c?.date !== undefined ? c.date : m.date;
        return (
          <div key={m.id} className="row" style={{ flexWrap: 'wrap' }}>
            <label className="checkbox" style={{ flex: '1 1 220px' }}>
              <input
                type="checkbox"
                checked={state === 'done'}
                onChange={(e) => setChange(m.id, { state: e.target.checked ? 'done' : 'open' })}
              />
              <span style={state === 'done' ? { textDecoration: 'line-through' } : undefined}>
                {m.title}
              </span>
              <span className="faint small">({m.side === 'ours' ? 'us' : 'them'})</span>
            </label>
            <input
              className="input"
              type="date"
              style={{ width: 150 }}
              aria-label={`New date for ${m.title}`}
              value={date ?? ''}
              onChange={(e) => setChange(m.id, { date: e.target.value || null })}
            />
          </div>
        );
      })}
      {added.map((c, i) => (
        <div key={`new-${i}`} className="row" style={{ flexWrap: 'wrap' }}>
          <input
            className="input"
            style={{ flex: '1 1 220px' }}
            aria-label={`New milestone ${i + 1}`}
            placeholder="Security review passed"
            value={c.title ?? ''}
            onChange={(e) =>
              setChanges(changes.map((x) => (x === c ? { ...x, title: e.target.value } : x)))
            }
          />
          <select
            className="select"
            style={{ width: 90 }}
            aria-label={`New milestone ${i + 1}: who`}
            value={c.side ?? 'theirs'}
            onChange={(e) =>
              setChanges(changes.map((x) => (x === c ? { ...x, side: e.target.value as Side } : x)))
            }
          >
            <option value="ours">Us</option>
            <option value="theirs">Them</option>
          </select>
          <input
            className="input"
            type="date"
            style={{ width: 150 }}
            aria-label={`New milestone ${i + 1}: by`}
            value={c.date ?? ''}
            onChange={(e) =>
              setChanges(changes.map((x) => (x === c ? { ...x, date: e.target.value || null } : x)))
            }
          />
          <button
            type="button"
            className="btn btn-ghost btn-icon"
            aria-label={`Remove new milestone ${i + 1}`}
            onClick={() => setChanges(changes.filter((x) => x !== c))}
          >
            <XIcon size={14} />
          </button>
        </div>
      ))}
      <div>
        <button
          type="button"
          className="btn btn-sm"
          onClick={() => setChanges([...changes, { title: '', side: 'theirs', date: null }])}
        >
          <PlusIcon size={12} /> Milestone
        </button>
      </div>
    </div>
  );
}

export function LogCallPage() {
  useDocumentTitle('Log a call');
  const search = route.useSearch();
  const me = useMe();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const toast = useToast();
  const deals = useQuery(dealsQuery('open'));
  const accounts = useQuery(accountsQuery);
  const habits = useQuery(habitsQuery);

  const [dealId, setDealId] = useState(search.deal ?? '');
  const [at, setAt] = useState(() => nowLocalIn(me.member.timeZone));
  const [ours, setOurs] = useState('');
  const [theirs, setTheirs] = useState('');
  const [notes, setNotes] = useState('');
  const [proposals, setProposals] = useState<Proposal[]>([]);
  const [nextStep, setNextStep] = useState({ text: '', date: '', time: '', edited: false });
  const [checks, setChecks] = useState<Record<string, HabitState>>({});
  const [outcome, setOutcome] = useState<Outcome | ''>('');
  const [reason, setReason] = useState<PoorReason | ''>('');
  const [lesson, setLesson] = useState('');
  const [lessonHabits, setLessonHabits] = useState<string[]>([]);
  const [milestones, setMilestones] = useState<MilestoneChange[]>([]);
  const [read, setRead] = useState<{ notes: string; count: number } | null>(null);
  const [suggested, setSuggested] = useState<SuggestedAttendee[]>([]);
  const [newContact, setNewContact] = useState<string | null>(null);

  useEffect(() => {
    if (search.deal) setDealId(search.deal);
  }, [search.deal]);
  useEffect(() => setMilestones([]), [dealId]);

  const dealOptions = useMemo(() => {
    const accountById = byId(accounts.data);
    return (deals.data ?? [])
      .map((d) => ({
        id: d.id,
        label: `${accountById.get(d.accountId)?.name ?? '—'} · ${d.title}`,
      }))
      .sort((a, b) => a.label.localeCompare(b.label));
  }, [deals.data, accounts.data]);

  const attendees = useMemo(
    () => [
      ...ours
        .split(',')
        .map((n) => n.trim())
        .filter(Boolean)
        .map((name) => ({ name, side: 'ours' })),
      ...theirs
        .split(',')
        .map((n) => n.trim())
        .filter(Boolean)
        .map((name) => ({ name, side: 'theirs' })),
    ],
    [ours, theirs],
  );

  const preview = useMutation({
    mutationFn: (input: { notes: string }) =>
      api.post<CallPreview | { proposals: CallPreview }>('/api/v1/calls/preview', {
        dealId,
        at,
        notes: input.notes,
        ...(attendees.length ? { attendees } : {}),
      }),
    onSuccess: (result, input) => {
      const p = 'proposals' in result ? result.proposals : result;
      setProposals((current) => mergeProposals(current, p.commitments));
      setRead({ notes: input.notes, count: p.commitments.length });
      setSuggested(p.suggestedAttendees ?? []);
      if (p.nextStep) {
        setNextStep((ns) =>
          ns.edited
            ? ns
            : {
                text: p.nextStep!.text,
                date: p.nextStep!.date ?? '',
                time: p.nextStep!.time ?? '',
                edited: false,
              },
        );
      }
    },
  });

  // Proposals follow the notes as they are typed, half a second after the last key.
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => {
    if (!dealId || !notes.trim() || !at) return;
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => preview.mutate({ notes }), 500);
    return () => {
      if (timer.current) clearTimeout(timer.current);
    };
  }, [notes, dealId, at, ours, theirs]);

  const save = useMutation({
    mutationFn: () => {
      const kept = proposals.filter((p) => p.include && p.text.trim());
      const habitChecks = Object.fromEntries(Object.entries(checks));
      const milestoneUpdates = milestones.filter((m) => m.id || m.title?.trim());
      return api.post<{ call: { id: string } }>('/api/v1/calls', {
        dealId,
        at,
        notes,
        ...(attendees.length ? { attendees } : {}),
        ...(Object.keys(habitChecks).length ? { habits: habitChecks } : {}),
        ...(outcome ? { outcome } : {}),
        ...(reason && outcome !== 'advanced' ? { reason } : {}),
        ...(lesson.trim() ? { lesson, lessonHabits } : {}),
        commitments: kept.map((p) => ({
          side: p.side,
          text: p.text.trim(),
          due: p.due || null,
          ...(p.dueTime && p.due ? { dueTime: p.dueTime } : {}),
          ...(p.sentence ? { sentence: p.sentence } : {}),
        })),
        ...(nextStep.text.trim() && nextStep.date
          ? {
              nextStep: {
                text: nextStep.text.trim(),
                date: nextStep.date,
                time: nextStep.time || null,
              },
            }
          : {}),
        ...(milestoneUpdates.length ? { milestones: milestoneUpdates } : {}),
      });
    },
    onSuccess: async () => {
      const kept = proposals.filter((p) => p.include && p.text.trim()).length;
      void invalidateAfter(queryClient, 'call.log');
      toast.show(`Call saved${kept ? ` with ${plural(kept, 'promise')}` : ''}.`);
      await navigate({
        to: '/deals/$dealId',
        params: { dealId },
        search: { tab: milestones.length ? 'plan' : undefined },
      });
    },
  });

  const poor = outcome === 'setback' || outcome === 'no-change';
  const included = proposals.filter((p) => p.include).length;

  if (deals.isSuccess && deals.data.length === 0) {
    return (
      <div className="page page-narrow">
        <h1>Log a call</h1>
        <div className="card">
          <EmptyState
            title="Add a deal first"
            action={
              <button
                type="button"
                className="btn btn-primary"
                onClick={() => navigate({ to: '/deals' })}
              >
                Go to Deals
              </button>
            }
          >
            A call is logged on a deal. Create the deal for the conversation, then log the call.
          </EmptyState>
        </div>
      </div>
    );
  }

  return (
    <>
      <form
        className="page page-narrow"
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
        // Saving a call is a deliberate act: the button, or Ctrl/Cmd+Enter, never a stray Enter.
        onKeyDown={explicitSubmitKeys}
      >
        <div className="page-header">
          <div>
            <h1>Log a call</h1>
            <p className="subtitle">Notes in, promises out: confirm what each side promised.</p>
          </div>
        </div>

        <section className="card card-body stack" aria-labelledby="call-title">
          <h2 id="call-title">The call</h2>
          <div className="field-row">
            <label className="field" style={{ gridColumn: '1 / -1' }}>
              <span>Deal</span>
              <select
                className="select"
                required
                value={dealId}
                onChange={(e) => setDealId(e.target.value)}
              >
                <option value="">Choose a deal…</option>
                {dealOptions.map((d) => (
                  <option key={d.id} value={d.id}>
                    {d.label}
                  </option>
                ))}
              </select>
            </label>
            <label className="field">
              <span>Started</span>
              <input
                className="input"
                type="datetime-local"
                required
                value={at}
                onChange={(e) => setAt(e.target.value)}
              />
            </label>
            <label className="field">
              <span>With (their side)</span>
              <input
                className="input"
                placeholder="Sarah Chen, Tom"
                value={theirs}
                onChange={(e) => setTheirs(e.target.value)}
              />
            </label>
            <label className="field">
              <span>Our side</span>
              <input
                className="input"
                placeholder="Names, comma separated"
                value={ours}
                onChange={(e) => setOurs(e.target.value)}
              />
            </label>
          </div>
          <label className="field">
            <span>Notes</span>
            <textarea
              className="textarea"
              style={{ minHeight: 180 }}
              value={notes}
              onChange={(e) => setNotes(e.target.value)}
              placeholder={
                'Discussed the rollout. I’ll send the security questionnaire by Friday. Sarah will introduce us to their CFO next week. Agreed to meet again on Tuesday at 10am.'
              }
            />
            <span className="hint">
              Promises are read as you type: “I’ll send…”, “we will…”, “they will…”, with dates like
              “by Friday”, “next Tuesday”, “end of the month”.
            </span>
          </label>
          {suggested.length > 0 && dealId ? (
            <div className="stack" style={{ gap: 6 }} role="group" aria-labelledby="named-title">
              <span id="named-title" className="small muted">
                Named in the notes — add as attendees:
              </span>
              <ul className="row" style={{ listStyle: 'none', margin: 0, padding: 0, gap: 6 }}>
                {suggested.map((s) => (
                  <li key={s.contactId ?? s.name} className="row" style={{ gap: 4 }}>
                    <button
                      type="button"
                      className="btn btn-sm"
                      aria-label={`Add ${s.name} as an attendee${s.contactId ? '' : ' (not a contact yet)'}`}
                      onClick={() => {
                        setTheirs((t) =>
                          t.trim() ? `${t.trim().replace(/,$/, '')}, ${s.name}` : s.name,
                        );
                        setSuggested((list) => list.filter((x) => x !== s));
                      }}
                    >
                      <PlusIcon size={12} /> {s.name}
                      {s.contactId ? null : <span className="muted small"> (new)</span>}
                    </button>
                    {s.contactId ? null : (
                      <button
                        type="button"
                        className="btn btn-sm btn-ghost"
                        aria-label={`Save ${s.name} as a contact of the account`}
                        onClick={() => setNewContact(s.name)}
                      >
                        Save as contact
                      </button>
                    )}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
        </section>

        <section className="card" aria-labelledby="promises-title">
          <header className="card-header">
            <h2 id="promises-title">Promises</h2>
            <div className="row">
              <span className="small muted" aria-live="polite">
                {preview.isPending
                  ? 'Reading the notes…'
                  : read
                    ? `${plural(read.count, 'promise')} found · ${included} kept`
                    : ''}
              </span>
              <button
                type="button"
                className="btn btn-sm"
                disabled={!dealId || !notes.trim() || preview.isPending}
                onClick={() => preview.mutate({ notes })}
              >
                <SparkIcon size={13} /> Find promises
              </button>
            </div>
          </header>
          {preview.isError ? (
            <div className="card-body">
              <FormError error={preview.error} />
            </div>
          ) : null}
          {proposals.length === 0 ? (
            <p className="card-body small muted">
              {dealId
                ? 'Write the notes above; promises appear here to confirm, edit or drop.'
                : 'Choose the deal, then write the notes.'}
            </p>
          ) : (
            <ul className="list" aria-label="Proposed promises">
              {proposals.map((p) => (
                <ProposalRow
                  key={p.key}
                  p={p}
                  onChange={(patch) =>
                    setProposals((all) =>
                      all.map((x) => (x.key === p.key ? { ...x, ...patch } : x)),
                    )
                  }
                  onRemove={() => setProposals((all) => all.filter((x) => x.key !== p.key))}
                />
              ))}
            </ul>
          )}
          <div className="card-body" style={{ borderTop: '1px solid var(--border)' }}>
            <button
              type="button"
              className="btn btn-sm"
              onClick={() =>
                setProposals((all) => [
                  ...all,
                  {
                    key: newKey(),
                    include: true,
                    side: 'ours',
                    text: '',
                    due: '',
                    dueTime: null,
                    target: null,
                    sentence: null,
                    edited: true,
                  },
                ])
              }
            >
              <PlusIcon size={12} /> Add a promise
            </button>
          </div>
        </section>

        <section className="card card-body stack" aria-labelledby="next-title">
          <h2 id="next-title">Next step</h2>
          <div className="field-row">
            <label className="field" style={{ gridColumn: '1 / -1' }}>
              <span>What was agreed next</span>
              <input
                className="input"
                value={nextStep.text}
                placeholder="Demo for the finance team"
                onChange={(e) => setNextStep({ ...nextStep, text: e.target.value, edited: true })}
              />
            </label>
            <label className="field">
              <span>Date</span>
              <input
                className="input"
                type="date"
                value={nextStep.date}
                onChange={(e) => setNextStep({ ...nextStep, date: e.target.value, edited: true })}
              />
            </label>
            <label className="field">
              <span>Time (optional)</span>
              <input
                className="input"
                type="time"
                value={nextStep.time}
                onChange={(e) => setNextStep({ ...nextStep, time: e.target.value, edited: true })}
              />
            </label>
          </div>
        </section>

        {dealId ? (
          <section className="card card-body stack" aria-labelledby="plan-title">
            <h2 id="plan-title">How the plan moved</h2>
            <PlanMoves dealId={dealId} changes={milestones} setChanges={setMilestones} />
          </section>
        ) : null}

        <section className="card" aria-labelledby="habits-title">
          <header className="card-header">
            <h2 id="habits-title">Habit checklist</h2>
            <span className="small muted">
              {Object.values(checks).filter((s) => s === 'done').length} of{' '}
              {habits.data?.length ?? 10} done
            </span>
          </header>
          <ul className="list">
            {(habits.data ?? []).map((h, i) => (
              <li key={h.id} className="habit-row">
                <div style={{ minWidth: 0 }}>
                  <div className="habit-name">
                    {i + 1}. {h.name}
                  </div>
                  <div className="small faint">{h.description}</div>
                </div>
                <RadioGroup
                  label={`Habit ${i + 1}: ${h.name}`}
                  value={checks[h.id]}
                  onChange={(state) => setChecks((c) => ({ ...c, [h.id]: state }))}
                  options={HABIT_STATES}
                />
              </li>
            ))}
          </ul>
        </section>

        <section className="card card-body stack" aria-labelledby="outcome-title">
          <h2 id="outcome-title">Outcome</h2>
          <RadioGroup
            label="Outcome"
            value={outcome}
            // Choosing the chosen outcome again clears it: a call need not have one.
            onChange={(o) => setOutcome(outcome === o ? '' : o)}
            options={OUTCOMES}
            style={{ alignSelf: 'flex-start' }}
          />
          {poor ? (
            <label className="field" style={{ maxWidth: 260 }}>
              <span>Reason</span>
              <select
                className="select"
                required={outcome === 'setback'}
                value={reason}
                onChange={(e) => setReason(e.target.value as PoorReason)}
              >
                <option value="">Choose…</option>
                {REASONS.map((r) => (
                  <option key={r.value} value={r.value}>
                    {r.label}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
          <label className="field">
            <span>Lesson</span>
            <textarea
              className="textarea"
              style={{ minHeight: 70 }}
              value={lesson}
              onChange={(e) => setLesson(e.target.value)}
              placeholder="A poor call is still progress: what will you do differently?"
            />
          </label>
          {lesson.trim() && habits.data ? (
            <LessonHabitsPicker
              habits={habits.data}
              selected={lessonHabits}
              onChange={setLessonHabits}
            />
          ) : null}
        </section>

        <FormError error={save.error} />
        <div className="row" style={{ justifyContent: 'flex-end' }}>
          <span className="small faint">
            <kbd>Ctrl</kbd> + <kbd>Enter</kbd> saves
          </span>
          <button type="button" className="btn" onClick={() => history.back()}>
            Cancel
          </button>
          <button
            type="submit"
            className="btn btn-primary"
            disabled={save.isPending || !dealId}
            aria-keyshortcuts="Control+Enter Meta+Enter"
          >
            {save.isPending
              ? 'Saving…'
              : `Save call${included ? ` and ${plural(included, 'promise')}` : ''}`}
          </button>
        </div>
      </form>
      {/* Outside the page's form: a dialog has its own. */}
      <ContactDialog
        open={newContact !== null}
        onClose={() => setNewContact(null)}
        accountId={deals.data?.find((d) => d.id === dealId)?.accountId ?? ''}
        initialName={newContact ?? ''}
        onSaved={(c) => {
          setSuggested((list) => list.filter((x) => x.name !== newContact));
          setTheirs((t) => (t.trim() ? `${t.trim().replace(/,$/, '')}, ${c.name}` : c.name));
        }}
      />
    </>
  );
}
