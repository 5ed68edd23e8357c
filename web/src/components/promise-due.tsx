import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, errorMessage } from '../api/client.ts';
import type { Commitment, Renegotiation } from '../api/types.ts';
import { shortDate } from '../lib/format.ts';
import { useToast } from './toast.tsx';
import { invalidateAfter } from '../api/invalidation.ts';

/*
 * Agreeing a promise's due date, on Today and on the deal page. A promise with no date gets its
 * first one inline; one that is due or late cannot be snoozed (a snooze never passes the due
 * date), so a new date is renegotiated with the customer instead: the old due stays in the
 * promise's history and the early target is recomputed from the day it was agreed.
 */

interface AgreeDue {
  commitmentId: string;
  /** What was promised, for labels and the confirmation. */
  text: string;
  /** The promise's version as read, when the caller has it (the deal page does, Today not). */
  version?: number;
}

function useAgreeDue({ commitmentId, text, version }: AgreeDue, onDone?: () => void) {
  const queryClient = useQueryClient();
  const toast = useToast();
  return useMutation({
    mutationFn: (body: { due: string; reason?: string }) =>
      api.post<Commitment>(
        `/api/v1/commitments/${encodeURIComponent(commitmentId)}/renegotiate`,
        body,
        version === undefined ? {} : { ifMatch: version },
      ),
    onSuccess: (saved) => {
      const moved = (saved.renegotiations?.length ?? 0) > 0;
      toast.show(`${moved ? 'Renegotiated to' : 'Due'} ${shortDate(saved.due)}: ${text}`);
      onDone?.();
    },
    onError: (e) => toast.show(errorMessage(e), { tone: 'error' }),
    onSettled: () => {
      void invalidateAfter(queryClient, 'commitment.due-change');
    },
  });
}

/** The date field a promise with no date shows in its row ("agree one"). */
export function InlineDueField({ today, ...promise }: AgreeDue & { today: string }) {
  const [due, setDue] = useState('');
  const save = useAgreeDue(promise);
  return (
    <form
      className="row inline-due"
      style={{ gap: 6, marginTop: 6, flexWrap: 'nowrap' }}
      aria-label={`Agree a date: ${promise.text}`}
      onSubmit={(e) => {
        e.preventDefault();
        if (due) save.mutate({ due });
      }}
    >
      <input
        className="input input-sm"
        type="date"
        aria-label={`Due date for: ${promise.text}`}
        required
        min={today}
        value={due}
        onChange={(e) => setDue(e.target.value)}
        style={{ width: 'auto' }}
      />
      <button type="submit" className="btn btn-sm" disabled={!due || save.isPending}>
        Set date
      </button>
    </form>
  );
}

/** A new due date agreed with the customer, for a promise that already has one. */
export function RenegotiateForm({
  due,
  today,
  onDone,
  onCancel,
  ...promise
}: AgreeDue & { due: string; today: string; onDone: () => void; onCancel: () => void }) {
  const [next, setNext] = useState(due < today ? today : due);
  const [reason, setReason] = useState('');
  const save = useAgreeDue(promise, onDone);
  return (
    <form
      className="stack"
      style={{ gap: 8 }}
      aria-label={`Renegotiate: ${promise.text}`}
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate({ due: next, ...(reason.trim() && { reason: reason.trim() }) });
      }}
    >
      <strong className="small">New date agreed</strong>
      <span className="small faint">
        It was due {shortDate(due)}
        {due < today ? ' and is late' : ''}. The old date stays in its history.
      </span>
      <input
        className="input input-sm"
        type="date"
        aria-label="New due date"
        required
        min={today}
        value={next}
        onChange={(e) => setNext(e.target.value)}
        autoFocus
      />
      <input
        className="input input-sm"
        aria-label="What was agreed (optional)"
        placeholder="What was agreed (e.g. legal review moved)"
        value={reason}
        onChange={(e) => setReason(e.target.value)}
      />
      <div className="row" style={{ justifyContent: 'flex-end' }}>
        <button type="button" className="btn btn-sm btn-ghost" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="btn btn-sm btn-primary" disabled={save.isPending}>
          Renegotiate
        </button>
      </div>
    </form>
  );
}

/** "was due Fri 27 Nov — renegotiated: legal review moved", one line per renegotiation. */
export function RenegotiationHistory({ history }: { history: Renegotiation[] | undefined }) {
  if (!history || history.length === 0) return null;
  return (
    <ul
      className="small faint"
      aria-label="Earlier due dates"
      style={{ margin: '2px 0 0', padding: 0, listStyle: 'none' }}
    >
      {history.map((r) => (
        <li key={r.at}>
          was due {shortDate(r.previousDue)}
          {r.previousDueTime ? ` ${r.previousDueTime}` : ''}, renegotiated to {shortDate(r.due)}
          {r.reason ? `: ${r.reason}` : ''}
        </li>
      ))}
    </ul>
  );
}
