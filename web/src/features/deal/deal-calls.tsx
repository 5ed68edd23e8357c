import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { api, qs } from '../../api/client.ts';
import { byId, habitsQuery, membersQuery } from '../../api/queries.ts';
import type { Call, Outcome } from '../../api/types.ts';
import { EmptyState, ErrorState, LoadingRows } from '../../components/states.tsx';
import { capitalise, dateTime } from '../../lib/format.ts';

const OUTCOME_TONE: Record<Outcome, string> = {
  advanced: 'badge-green',
  'no-change': 'badge',
  setback: 'badge-red',
};

export const callsQuery = (dealId: string) => ({
  queryKey: ['calls', dealId],
  queryFn: ({ signal }: { signal: AbortSignal }) =>
    api.get<Call[]>(`/api/v1/calls${qs({ deal: dealId })}`, { signal }),
});

/** A deal's calls, newest first: outcome, the habit checklist at a glance, notes and lesson. A
 * deal that is not open offers no call to log. */
export function CallsPanel({ dealId, open = true }: { dealId: string; open?: boolean }) {
  const calls = useQuery(callsQuery(dealId));
  const members = useQuery(membersQuery);
  const habits = useQuery(habitsQuery);
  const memberById = byId(members.data);
  if (calls.isPending) return <LoadingRows rows={2} label="Loading calls" />;
  if (calls.isError) return <ErrorState error={calls.error} onRetry={() => void calls.refetch()} />;
  if (calls.data.length === 0) {
    return (
      <EmptyState
        title="No calls logged"
        action={open ? <LogCallLink dealId={dealId} /> : undefined}
      >
        {open
          ? 'Log each call to capture promises, move the plan and learn from how it went.'
          : 'No call was logged on this deal.'}
      </EmptyState>
    );
  }
  const habitCount = habits.data?.length ?? 10;
  return (
    <ul className="list" aria-label="Calls, newest first">
      {calls.data.map((call) => {
        const done = call.habits.filter((h) => h.state === 'done').length;
        const partly = call.habits.filter((h) => h.state === 'partly').length;
        return (
          <li key={call.id} className="card-body stack gap-8">
            <div className="row justify-between">
              <div className="row">
                <strong>{dateTime(call.startedAt, call.timeZone)}</strong>
                <span className="faint small">{memberById.get(call.loggedBy)?.name ?? ''}</span>
              </div>
              <div className="row">
                {call.habits.length > 0 ? (
                  <span className="small muted" title={`${partly} partly`}>
                    Habits {done}/{habitCount}
                  </span>
                ) : null}
                {call.outcome ? (
                  <span className={`badge ${OUTCOME_TONE[call.outcome]}`}>
                    {call.outcome}
                    {call.reason ? ` · ${call.reason}` : ''}
                  </span>
                ) : null}
              </div>
            </div>
            {call.attendees.length > 0 ? (
              <div className="small muted">With {call.attendees.map((a) => a.name).join(', ')}</div>
            ) : null}
            {call.notes ? <p className="small pre-wrap">{call.notes}</p> : null}
            {call.lesson ? (
              <div className="alert alert-info small">
                <strong>Lesson:</strong>&nbsp;{capitalise(call.lesson)}
              </div>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}

/** "Log a call" for this deal: the action of an empty tab on an open deal. */
export function LogCallLink({ dealId }: { dealId: string }) {
  return (
    <Link to="/calls/new" search={{ deal: dealId }} className="btn btn-primary btn-sm">
      Log a call
    </Link>
  );
}
