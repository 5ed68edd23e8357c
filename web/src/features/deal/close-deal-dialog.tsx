import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { api } from '../../api/client.ts';
import { commitmentsQuery, habitsQuery, nextStepQuery } from '../../api/queries.ts';
import type { Deal, PoorReason } from '../../api/types.ts';
import { useMe } from '../../app/session.ts';
import { RadioGroup } from '../../components/a11y/radio-group.tsx';
import { Dialog } from '../../components/dialog.tsx';
import { LessonHabitsPicker } from '../../components/lesson-habits.tsx';
import { FormError } from '../../components/states.tsx';
import { explicitSubmitKeys } from '../../lib/explicit-submit.ts';
import { addDays, plural, shortDate, todayIn } from '../../lib/format.ts';
import { invalidateAfter } from '../../api/invalidation.ts';

export const REASONS: { value: PoorReason; label: string }[] = [
  { value: 'not-interested', label: 'Not interested' },
  { value: 'not-now', label: 'Not now' },
  { value: 'no-fit', label: 'No fit' },
  { value: 'other', label: 'Other' },
];

type Result = 'won' | 'lost' | 'paused';
type Choice = 'keep' | 'drop';

const CHOICES = [
  { value: 'keep', label: 'Keep' },
  { value: 'drop', label: 'Drop' },
] as const satisfies readonly { value: Choice; label: string }[];

/** Keep or drop, for the deal's open promises or its next step; nothing is chosen for you. A
 * radio group like every other choice: one tab stop, the arrow keys choose. */
function ChoiceGroup({
  label,
  value,
  onChange,
}: {
  label: string;
  value: Choice | null;
  onChange: (c: Choice) => void;
}) {
  return <RadioGroup label={label} value={value} options={CHOICES} onChange={onChange} />;
}

/** Won, lost or paused: a loss says why; a pause says until when, so the next conversation
 * comes back on Today; any of them can leave a lesson. */
export function CloseDealDialog({ deal, onClose }: { deal: Deal; onClose: () => void }) {
  const queryClient = useQueryClient();
  const me = useMe();
  const habits = useQuery(habitsQuery);
  const formId = useId();
  const [result, setResult] = useState<Result>('won');
  const [reason, setReason] = useState<PoorReason>('not-now');
  const [until, setUntil] = useState(addDays(todayIn(me.member.timeZone), 60));
  const [lesson, setLesson] = useState('');
  const [lessonHabits, setLessonHabits] = useState<string[]>([]);
  // The deal's open work: closing or pausing says what becomes of it.
  const promises = useQuery(commitmentsQuery({ deal: deal.id, state: 'open' }));
  const step = useQuery(nextStepQuery(deal.id));
  const openPromises = promises.data ?? [];
  const openStep = step.data && step.data.due >= todayIn(me.member.timeZone) ? step.data : null;
  const [promisesChoice, setPromisesChoice] = useState<Choice | null>(null);
  const [stepChoice, setStepChoice] = useState<Choice | null>(null);
  const [dropReason, setDropReason] = useState('');
  const undecided =
    promises.isPending ||
    step.isPending ||
    (openPromises.length > 0 && !promisesChoice) ||
    (openStep !== null && !stepChoice);
  const dropping =
    (openPromises.length > 0 && promisesChoice === 'drop') ||
    (openStep !== null && stepChoice === 'drop');
  const save = useMutation({
    mutationFn: () => {
      const base = `/api/v1/deals/${encodeURIComponent(deal.id)}`;
      const common = {
        ...(lesson && { lesson, lessonHabits }),
        ...(openPromises.length > 0 && promisesChoice && { promises: promisesChoice }),
        ...(openStep && stepChoice && { nextStep: stepChoice }),
        ...(dropping && { dropReason }),
      };
      return result === 'paused'
        ? api.post(`${base}/pause`, { until, reason, ...common }, { ifMatch: deal.version })
        : api.post(
            `${base}/close`,
            {
              result,
              ...(result === 'lost' && { reason, ...(until && { reEngageOn: until }) }),
              ...common,
            },
            { ifMatch: deal.version },
          );
    },
    onSuccess: () => {
      void invalidateAfter(queryClient, 'deal.close');
      onClose();
    },
  });
  return (
    <Dialog
      open
      onClose={onClose}
      title={`Close or pause “${deal.title}”`}
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button
            type="submit"
            form={formId}
            className="btn btn-primary"
            disabled={save.isPending || undecided}
          >
            {result === 'won' ? 'Mark won' : result === 'lost' ? 'Mark lost' : 'Pause'}
          </button>
        </>
      }
    >
      <form
        id={formId}
        className="stack"
        // Closing a deal is deliberate: Enter in "Why drop it" or a date does not do it.
        onKeyDown={explicitSubmitKeys}
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <RadioGroup
          label="Result"
          value={result}
          onChange={setResult}
          options={(['won', 'lost', 'paused'] as Result[]).map((r) => ({
            value: r,
            label: r === 'paused' ? 'Pause' : r === 'won' ? 'Won' : 'Lost',
          }))}
        />
        {result !== 'won' ? (
          <div className="field-row">
            <label className="field">
              <span>Why</span>
              <select
                className="select"
                value={reason}
                onChange={(e) => setReason(e.target.value as PoorReason)}
              >
                {REASONS.map((r) => (
                  <option key={r.value} value={r.value}>
                    {r.label}
                  </option>
                ))}
              </select>
            </label>
            <label className="field">
              <span>{result === 'paused' ? 'Re-engage on' : 'Try again on (optional)'}</span>
              <input
                className="input"
                type="date"
                required={result === 'paused'}
                value={until}
                onChange={(e) => setUntil(e.target.value)}
              />
            </label>
          </div>
        ) : null}
        {openPromises.length > 0 || openStep ? (
          <fieldset className="stack gap-8 fieldset-plain">
            <legend className="small close-legend">Still open on this deal</legend>
            {openPromises.length > 0 ? (
              <div className="row justify-between">
                <span className="small">
                  {plural(openPromises.length, 'open promise')}:{' '}
                  <span className="muted">{openPromises.map((c) => c.text).join('; ')}</span>
                </span>
                <ChoiceGroup
                  label="Open promises"
                  value={promisesChoice}
                  onChange={setPromisesChoice}
                />
              </div>
            ) : null}
            {openStep ? (
              <div className="row justify-between">
                <span className="small">
                  Next step: <span className="muted">{openStep.text}</span> (
                  {shortDate(openStep.due)}
                  {openStep.time ? ` ${openStep.time}` : ''})
                </span>
                <ChoiceGroup label="Next step" value={stepChoice} onChange={setStepChoice} />
              </div>
            ) : null}
            <span className="small faint">
              Kept work stays on Today; dropped work is closed with the reason.
            </span>
            {dropping ? (
              <label className="field">
                <span>Why drop it</span>
                <input
                  className="input"
                  required
                  value={dropReason}
                  onChange={(e) => setDropReason(e.target.value)}
                  placeholder="e.g. they chose another vendor"
                />
              </label>
            ) : null}
          </fieldset>
        ) : null}
        <label className="field">
          <span>Lesson (optional)</span>
          <textarea
            className="textarea close-lesson"
            value={lesson}
            onChange={(e) => setLesson(e.target.value)}
            placeholder={result === 'won' ? 'What made it work?' : 'What would you do differently?'}
          />
        </label>
        {lesson && habits.data ? (
          <LessonHabitsPicker
            habits={habits.data}
            selected={lessonHabits}
            onChange={setLessonHabits}
          />
        ) : null}
        <FormError error={save.error} />
      </form>
    </Dialog>
  );
}
