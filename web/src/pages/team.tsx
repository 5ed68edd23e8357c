import { useQueries, useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useMemo } from 'react';
import { dealsQuery, insightsQuery, marchQuery, membersQuery } from '../api/queries.ts';
import type { March, Member } from '../api/types.ts';
import { isManager, useMe } from '../app/session.ts';
import { MarchBar } from '../components/march-bar.tsx';
import { EmptyState, ErrorState, LoadingRows } from '../components/states.tsx';
import { addDays, initials, percent, todayIn } from '../lib/format.ts';
import { useDocumentTitle } from '../lib/document-title.ts';
import { ScrollRegion } from '../components/a11y/scroll-region.tsx';

const BAND_COLOR = {
  stall: 'var(--border-strong)',
  on: 'var(--green)',
  rush: 'var(--amber)',
  open: 'var(--border)',
};

/** The last business days as small bars, coloured by band: the shape of a steady march. */
function MarchStrip({ march }: { march: March }) {
  const max = Math.max(march.ceiling, ...march.days.map((d) => d.touches), 1);
  return (
    <div
      style={{ display: 'flex', alignItems: 'flex-end', gap: 2, height: 28 }}
      role="img"
      aria-label={`Last ${march.days.length} business days: ${march.days.filter((d) => d.band === 'on').length} on the march, ${march.days.filter((d) => d.band === 'stall').length} stalls, ${march.days.filter((d) => d.band === 'rush').length} rushes`}
    >
      {march.days.map((d) => (
        <span
          key={d.date}
          title={`${d.date}: ${d.touches} (${d.band})`}
          style={{
            width: 5,
            height: `${Math.max(2, (d.touches / max) * 28)}px`,
            background: BAND_COLOR[d.band],
            borderRadius: 1,
          }}
        />
      ))}
    </div>
  );
}

interface Row {
  member: Member;
  march: March | undefined;
  open: number;
  kept: { early: number; onTime: number; late: number; total: number };
}

export function TeamPage() {
  useDocumentTitle('Team');
  const me = useMe();
  const members = useQuery(membersQuery);
  const today = todayIn(me.member.timeZone);
  const insights = useQuery({
    ...insightsQuery({ from: addDays(today, -27), to: today }),
    enabled: isManager(me),
  });
  const deals = useQuery({ ...dealsQuery('open'), enabled: isManager(me) });
  const marches = useQueries({
    queries: (members.data ?? []).map((m) => ({ ...marchQuery(m.id), enabled: isManager(me) })),
  });

  const rows = useMemo<Row[]>(() => {
    const openBy = new Map<string, number>();
    for (const d of deals.data ?? []) openBy.set(d.ownerId, (openBy.get(d.ownerId) ?? 0) + 1);
    return (members.data ?? []).map((member, i) => {
      const kept = { early: 0, onTime: 0, late: 0, total: 0 };
      for (const p of insights.data?.promiseKeeping ?? []) {
        if (p.memberId !== member.id) continue;
        kept.early += p.early;
        kept.onTime += p.onTime;
        kept.late += p.late;
        kept.total += p.total;
      }
      return { member, march: marches[i]?.data, open: openBy.get(member.id) ?? 0, kept };
    });
  }, [members.data, deals.data, insights.data, marches]);

  if (!isManager(me)) {
    return (
      <div className="page">
        <h1>Team</h1>
        <div className="card">
          <EmptyState title="For owners and managers">
            The team view shows each rep&rsquo;s march and promise keeping. Your own figures are on{' '}
            <Link to="/insights">Insights</Link>.
          </EmptyState>
        </div>
      </div>
    );
  }

  return (
    <div className="page">
      <div className="page-header">
        <div>
          <h1>Team</h1>
          <p className="subtitle">
            Each person&rsquo;s march today and promise keeping over the last four weeks.
          </p>
        </div>
        <Link to="/settings" search={{ tab: 'members' }} className="btn">
          Invite someone
        </Link>
      </div>
      {members.isPending ? (
        <LoadingRows rows={4} label="Loading the team" />
      ) : members.isError ? (
        <ErrorState error={members.error} onRetry={() => void members.refetch()} />
      ) : (
        <div className="card">
          <ScrollRegion label="Team table">
            <table className="table">
              <thead>
                <tr>
                  <th>Member</th>
                  <th style={{ minWidth: 180 }}>Today</th>
                  <th>Last 20 business days</th>
                  <th className="right">Streak</th>
                  <th className="right">Consistency</th>
                  <th className="right">Kept early</th>
                  <th className="right">Late</th>
                  <th className="right">Open deals</th>
                </tr>
              </thead>
              <tbody>
                {rows.map(({ member, march, open, kept }) => (
                  <tr key={member.id}>
                    <td>
                      <div className="who">
                        <span className="avatar" aria-hidden="true">
                          {initials(member.name)}
                        </span>
                        <div>
                          <div className="who-name">{member.name}</div>
                          <div className="who-role">{member.role}</div>
                        </div>
                      </div>
                    </td>
                    <td>
                      {march ? (
                        <div>
                          <span className="num small">
                            {march.done} / {march.floor}
                            <span className="faint"> (ceiling {march.ceiling})</span>
                          </span>
                          <MarchBar
                            done={march.done}
                            floor={march.floor}
                            ceiling={march.ceiling}
                            compact
                          />
                        </div>
                      ) : (
                        <div className="skeleton" style={{ height: 20 }} />
                      )}
                    </td>
                    <td>{march ? <MarchStrip march={march} /> : null}</td>
                    <td className="right num">{march ? `${march.streak} d` : '—'}</td>
                    <td className="right num">{march ? percent(march.consistency) : '—'}</td>
                    <td className="right num">
                      {kept.total ? percent(kept.early / kept.total) : '—'}
                    </td>
                    <td className={`right num ${kept.late ? 'factor-neg' : ''}`}>
                      {kept.total ? percent(kept.late / kept.total) : '—'}
                    </td>
                    <td className="right num">
                      <Link to="/deals" search={{ view: 'list', owner: member.id }}>
                        {open}
                      </Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        </div>
      )}
    </div>
  );
}
