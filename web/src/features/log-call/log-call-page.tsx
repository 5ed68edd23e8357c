import { invalidateAfter } from '../../api/invalidation.ts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useEffect, useMemo, useReducer, useState } from 'react';
import { api } from '../../api/client.ts';
import { accountsQuery, byId, dealsQuery, habitsQuery } from '../../api/queries.ts';
import type { CallPreview, HabitState, Outcome, PoorReason } from '../../api/types.ts';
import { useMe } from '../../app/session.ts';
import { RadioGroup } from '../../components/a11y/radio-group.tsx';
import { Field } from '../../components/form/field.tsx';
import { PlusIcon, SparkIcon } from '../../components/icons.tsx';
import { LessonHabitsPicker } from '../../components/lesson-habits.tsx';
import { EmptyState, FormError } from '../../components/states.tsx';
import { useToast } from '../../components/toast.tsx';
import { useDocumentTitle } from '../../lib/document-title.ts';
import { explicitSubmitKeys } from '../../lib/explicit-submit.ts';
import { nowLocalIn, plural } from '../../lib/format.ts';
import { REASONS } from '../deal/close-deal-dialog.tsx';
import { ContactDialog } from '../../pages/contact-dialog.tsx';
import { attendeesOf, callRequest, draftReducer, initialDraft, keptProposals } from './draft.ts';
import { PlanMoves } from './plan-moves.tsx';
import { ProposalRow } from './proposal-row.tsx';
import './log-call.css';

const route = getRouteApi('/app/calls/new');

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

/** What the preview route answers; an older shape wrapped it in `proposals`. */
type PreviewAnswer = CallPreview | { proposals: CallPreview };

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

  const [draft, dispatch] = useReducer(
    draftReducer,
    { dealId: search.deal ?? '', timeZone: me.member.timeZone },
    ({ dealId, timeZone }) => initialDraft({ dealId, at: nowLocalIn(timeZone) }),
  );
  // The name being saved as a contact of the deal's account, while its dialog is open.
  const [newContact, setNewContact] = useState<string | null>(null);
  // A link that names a deal (from the deal's page) chooses it.
  useEffect(() => {
    if (search.deal) dispatch({ type: 'deal', dealId: search.deal });
  }, [search.deal]);

  const { dealId, at, notes, proposals, nextStep, checks, outcome, reason, lesson } = draft;

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
    () => attendeesOf({ ours: draft.ours, theirs: draft.theirs }),
    [draft.ours, draft.theirs],
  );

  const preview = useMutation({
    mutationFn: (input: {
      dealId: string;
      at: string;
      notes: string;
      attendees: typeof attendees;
    }) =>
      api.post<PreviewAnswer>('/api/v1/calls/preview', {
        dealId: input.dealId,
        at: input.at,
        notes: input.notes,
        ...(input.attendees.length ? { attendees: input.attendees } : {}),
      }),
    onSuccess: (result, input) =>
      dispatch({
        type: 'read',
        notes: input.notes,
        preview: 'proposals' in result ? result.proposals : result,
      }),
  });
  const runPreview = preview.mutate;

  // Proposals follow the notes as they are typed, half a second after the last key.
  useEffect(() => {
    if (!dealId || !notes.trim() || !at) return;
    const timer = setTimeout(() => runPreview({ dealId, at, notes, attendees }), 500);
    return () => clearTimeout(timer);
  }, [notes, dealId, at, attendees, runPreview]);

  const save = useMutation({
    mutationFn: () => api.post<{ call: { id: string } }>('/api/v1/calls', callRequest(draft)),
    onSuccess: async () => {
      const kept = keptProposals(draft).length;
      void invalidateAfter(queryClient, 'call.log');
      toast.show(`Call saved${kept ? ` with ${plural(kept, 'promise')}` : ''}.`);
      await navigate({
        to: '/deals/$dealId',
        params: { dealId },
        search: { tab: draft.milestones.length ? 'plan' : undefined },
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
            <Field label="Deal" className="span-all">
              <select
                className="select"
                required
                value={dealId}
                onChange={(e) => dispatch({ type: 'deal', dealId: e.target.value })}
              >
                <option value="">Choose a deal…</option>
                {dealOptions.map((d) => (
                  <option key={d.id} value={d.id}>
                    {d.label}
                  </option>
                ))}
              </select>
            </Field>
            <Field label="Started">
              <input
                className="input"
                type="datetime-local"
                required
                value={at}
                onChange={(e) => dispatch({ type: 'text', field: 'at', value: e.target.value })}
              />
            </Field>
            <Field label="With (their side)">
              <input
                className="input"
                placeholder="Sarah Chen, Tom"
                value={draft.theirs}
                onChange={(e) => dispatch({ type: 'text', field: 'theirs', value: e.target.value })}
              />
            </Field>
            <Field label="Our side">
              <input
                className="input"
                placeholder="Names, comma separated"
                value={draft.ours}
                onChange={(e) => dispatch({ type: 'text', field: 'ours', value: e.target.value })}
              />
            </Field>
          </div>
          <Field
            label="Notes"
            hint="Promises are read as you type: “I’ll send…”, “we will…”, “they will…”, with dates like “by Friday”, “next Tuesday”, “end of the month”."
          >
            <textarea
              className="textarea call-notes"
              value={notes}
              onChange={(e) => dispatch({ type: 'text', field: 'notes', value: e.target.value })}
              placeholder={
                'Discussed the rollout. I’ll send the security questionnaire by Friday. Sarah will introduce us to their CFO next week. Agreed to meet again on Tuesday at 10am.'
              }
            />
          </Field>
          {draft.suggested.length > 0 && dealId ? (
            <div className="stack gap-6" role="group" aria-labelledby="named-title">
              <span id="named-title" className="small muted">
                Named in the notes — add as attendees:
              </span>
              <ul className="row gap-6 bare-list">
                {draft.suggested.map((s) => (
                  <li key={s.contactId ?? s.name} className="row gap-4">
                    <button
                      type="button"
                      className="btn btn-sm"
                      aria-label={`Add ${s.name} as an attendee${s.contactId ? '' : ' (not a contact yet)'}`}
                      onClick={() => dispatch({ type: 'attend', suggestion: s })}
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
                  : draft.read
                    ? `${plural(draft.read.count, 'promise')} found · ${included} kept`
                    : ''}
              </span>
              <button
                type="button"
                className="btn btn-sm"
                disabled={!dealId || !notes.trim() || preview.isPending}
                onClick={() => preview.mutate({ dealId, at, notes, attendees })}
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
                <ProposalRow key={p.key} p={p} dispatch={dispatch} />
              ))}
            </ul>
          )}
          <div className="card-body card-footer">
            <button
              type="button"
              className="btn btn-sm"
              onClick={() => dispatch({ type: 'add-proposal' })}
            >
              <PlusIcon size={12} /> Add a promise
            </button>
          </div>
        </section>

        <section className="card card-body stack" aria-labelledby="next-title">
          <h2 id="next-title">Next step</h2>
          <div className="field-row">
            <Field label="What was agreed next" className="span-all">
              <input
                className="input"
                value={nextStep.text}
                placeholder="Demo for the finance team"
                onChange={(e) => dispatch({ type: 'next-step', patch: { text: e.target.value } })}
              />
            </Field>
            <Field label="Date">
              <input
                className="input"
                type="date"
                value={nextStep.date}
                onChange={(e) => dispatch({ type: 'next-step', patch: { date: e.target.value } })}
              />
            </Field>
            <Field label="Time (optional)">
              <input
                className="input"
                type="time"
                value={nextStep.time}
                onChange={(e) => dispatch({ type: 'next-step', patch: { time: e.target.value } })}
              />
            </Field>
          </div>
        </section>

        {dealId ? (
          <section className="card card-body stack" aria-labelledby="plan-title">
            <h2 id="plan-title">How the plan moved</h2>
            <PlanMoves dealId={dealId} changes={draft.milestones} dispatch={dispatch} />
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
                <div className="min-w-0">
                  <div className="habit-name">
                    {i + 1}. {h.name}
                  </div>
                  <div className="small faint">{h.description}</div>
                </div>
                <RadioGroup
                  label={`Habit ${i + 1}: ${h.name}`}
                  value={checks[h.id]}
                  onChange={(state) => dispatch({ type: 'habit', habitId: h.id, state })}
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
            onChange={(o) => dispatch({ type: 'outcome', outcome: o })}
            options={OUTCOMES}
            className="segmented self-start"
          />
          {poor ? (
            <Field label="Reason" className="reason-field">
              <select
                className="select"
                required={outcome === 'setback'}
                value={reason}
                onChange={(e) =>
                  dispatch({ type: 'reason', reason: e.target.value as PoorReason | '' })
                }
              >
                <option value="">Choose…</option>
                {REASONS.map((r) => (
                  <option key={r.value} value={r.value}>
                    {r.label}
                  </option>
                ))}
              </select>
            </Field>
          ) : null}
          <Field label="Lesson">
            <textarea
              className="textarea call-lesson"
              value={lesson}
              onChange={(e) => dispatch({ type: 'text', field: 'lesson', value: e.target.value })}
              placeholder="A poor call is still progress: what will you do differently?"
            />
          </Field>
          {lesson.trim() && habits.data ? (
            <LessonHabitsPicker
              habits={habits.data}
              selected={draft.lessonHabits}
              onChange={(habitIds) => dispatch({ type: 'lesson-habits', habitIds })}
            />
          ) : null}
        </section>

        <FormError error={save.error} />
        <div className="row justify-end">
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
        onSaved={(c) => dispatch({ type: 'contact-saved', asked: newContact ?? '', name: c.name })}
      />
    </>
  );
}
