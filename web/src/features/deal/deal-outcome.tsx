import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type { Deal, DealOutcome } from '../../api/types.ts';
import { capitalise, dateTime, shortDate } from '../../lib/format.ts';

const outcomesQuery = (dealId: string) => ({
  queryKey: ['deals', 'outcomes', dealId],
  queryFn: ({ signal }: { signal: AbortSignal }) =>
    api.get<DealOutcome[]>(`/api/v1/deals/${encodeURIComponent(dealId)}/outcomes`, { signal }),
});

const HEADLINE: Record<DealOutcome['outcome'], string> = {
  won: 'Won',
  lost: 'Lost',
  paused: 'Paused',
};

/**
 * What a closed or paused deal shows where an open one shows its neglect: how it ended, why,
 * the lesson kept and when to pick it up again. Neglect does not apply to it: saying it was
 * "touched recently, next step booked" would be false.
 */
export function OutcomeCard({ deal }: { deal: Deal }) {
  const outcomes = useQuery(outcomesQuery(deal.id));
  const latest = outcomes.data?.at(-1);
  const reEngageOn = latest?.reEngageOn ?? deal.reEngageOn;
  const reason = latest?.reason ?? deal.closeReason;
  return (
    <section className="card card-body stack" aria-labelledby="outcome-title">
      <h2 id="outcome-title" className="section-title m-0">
        Outcome
      </h2>
      {outcomes.isPending ? (
        <div className="skeleton skeleton-40" />
      ) : (
        <dl className="facts m-0">
          <div>
            <dt>Result</dt>
            <dd data-testid="deal-outcome">
              {HEADLINE[latest?.outcome ?? (deal.status as DealOutcome['outcome'])] ??
                capitalise(deal.status)}
              {latest ? <span className="faint"> · {dateTime(latest.decidedAt)}</span> : null}
            </dd>
          </div>
          {reason ? (
            <div>
              <dt>Reason</dt>
              <dd>{capitalise(reason.replace(/-/g, ' '))}</dd>
            </div>
          ) : null}
          {reEngageOn ? (
            <div>
              <dt>Re-engage</dt>
              <dd>{shortDate(reEngageOn)}</dd>
            </div>
          ) : null}
          <div className="span-all">
            <dt>Lesson</dt>
            <dd className="small">{latest?.lesson ?? <span className="faint">None kept.</span>}</dd>
          </div>
        </dl>
      )}
    </section>
  );
}
