import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useMemo, useState, type ReactNode } from 'react';
import { byId, habitsQuery, insightsQuery, membersQuery } from '../api/queries.ts';
import type { Insights, PoorReason } from '../api/types.ts';
import { isManager, useMe } from '../app/session.ts';
import { Chart, dateSeconds, type ChartSeries } from '../components/chart.tsx';
import { EmptyState, ErrorState, LoadingRows } from '../components/states.tsx';
import { addDays, capitalise, dateTime, percent, plural, todayIn } from '../lib/format.ts';
import { useDocumentTitle } from '../lib/document-title.ts';
import { ScrollRegion } from '../components/a11y/scroll-region.tsx';

/*
 * Insights: process first (the march, promises kept early, habits), results after (wins,
 * reasons), then what was learned. Counts are shown as counted, nothing claims significance.
 */
const PERIODS = [
  { weeks: 4, label: '4 weeks' },
  { weeks: 12, label: '12 weeks' },
  { weeks: 26, label: '26 weeks' },
];

const REASON_LABEL: Record<PoorReason | 'unspecified', string> = {
  'not-interested': 'Not interested',
  'not-now': 'Not now',
  'no-fit': 'No fit',
  other: 'Other',
  unspecified: 'Not said',
};

function Card({ title, sub, children }: { title: string; sub?: ReactNode; children: ReactNode }) {
  return (
    <section className="card" aria-label={title}>
      <header className="card-header">
        <h2>{title}</h2>
        {sub ? <span className="muted small">{sub}</span> : null}
      </header>
      <div className="card-body">{children}</div>
    </section>
  );
}

function Stat({ value, label }: { value: string; label: string }) {
  return (
    <div className="card card-body stat">
      <span className="stat-value">{value}</span>
      <span className="stat-label">{label}</span>
    </div>
  );
}

/** Sums the team's days: touches against the sum of floors and ceilings of those working. */
function marchSeries(data: Insights) {
  const byDate = new Map<
    string,
    { touches: number; floor: number; ceiling: number; business: boolean }
  >();
  for (const d of data.march.days) {
    const row = byDate.get(d.date) ?? { touches: 0, floor: 0, ceiling: 0, business: false };
    row.touches += d.touches;
    if (d.businessDay) {
      row.floor += d.floor;
      row.ceiling += d.ceiling;
      row.business = true;
    }
    byDate.set(d.date, row);
  }
  const dates = [...byDate.keys()]
    .sort()
    .filter((d) => byDate.get(d)!.business || byDate.get(d)!.touches > 0);
  const rows = dates.map((d) => byDate.get(d)!);
  return {
    x: dateSeconds(dates),
    data: [
      rows.map((r) => r.touches),
      rows.map((r) => (r.business ? r.floor : null)),
      rows.map((r) => (r.business ? r.ceiling : null)),
    ],
  };
}

function MarchChart({ data }: { data: Insights }) {
  const { x, data: series } = useMemo(() => marchSeries(data), [data]);
  const defs = useMemo<ChartSeries[]>(
    () => [
      { label: 'Touches', color: '--accent', kind: 'bars' },
      { label: 'Floor', color: '--green', dash: [4, 4] },
      { label: 'Ceiling', color: '--green', helper: true },
    ],
    [],
  );
  const band = useMemo(() => ({ upper: 2, lower: 1, color: '--green' }), []);
  const summary = data.march.summary.reduce(
    (a, s) => ({
      on: a.on + s.on,
      stall: a.stall + s.stall,
      rush: a.rush + s.rush,
      days: a.days + s.businessDays,
    }),
    { on: 0, stall: 0, rush: 0, days: 0 },
  );
  if (x.length === 0) return <p className="muted">No business days in this period yet.</p>;
  return (
    <>
      <Chart
        x={x}
        series={defs}
        data={series}
        band={band}
        label={`Daily touches against the floor–ceiling band: ${summary.on} days on the march, ${summary.stall} stalls, ${summary.rush} rushes`}
      />
      <div className="chart-legend">
        <span>
          <i style={{ background: 'var(--green)', opacity: 0.3 }} />
          Floor to ceiling: the steady march
        </span>
        <span>{summary.on} days on the march</span>
        <span>{summary.stall} stalls</span>
        <span>{summary.rush} rushes</span>
      </div>
    </>
  );
}

function PromiseChart({ data }: { data: Insights }) {
  const { weeks, early, onTime, late } = useMemo(() => {
    const byWeek = new Map<string, { early: number; onTime: number; late: number }>();
    for (const p of data.promiseKeeping) {
      const w = byWeek.get(p.week) ?? { early: 0, onTime: 0, late: 0 };
      w.early += p.early;
      w.onTime += p.onTime;
      w.late += p.late;
      byWeek.set(p.week, w);
    }
    const weeks = [...byWeek.keys()].sort();
    const rows = weeks.map((w) => byWeek.get(w)!);
    return {
      weeks,
      early: rows.map((r) => r.early),
      onTime: rows.map((r) => r.onTime),
      late: rows.map((r) => r.late),
    };
  }, [data]);
  // Stacked bars: each series is drawn as the running total, tallest first.
  const series = useMemo<ChartSeries[]>(
    () => [
      { label: 'Late', color: '--amber', kind: 'bars', legendValues: late },
      { label: 'On time', color: '--blue', kind: 'bars', legendValues: onTime },
      { label: 'Early', color: '--green', kind: 'bars', legendValues: early },
    ],
    [early, onTime, late],
  );
  const stacked = useMemo(
    () => [
      weeks.map((_w, i) => early[i]! + onTime[i]! + late[i]!),
      weeks.map((_w, i) => early[i]! + onTime[i]!),
      weeks.map((_w, i) => early[i]!),
    ],
    [weeks, early, onTime, late],
  );
  const x = useMemo(() => weeks.map((_w, i) => i), [weeks]);
  const labels = useMemo(() => weeks.map((w) => w.replace(/^\d{4}-/, '')), [weeks]);
  const totals = {
    early: early.reduce((a, b) => a + b, 0),
    onTime: onTime.reduce((a, b) => a + b, 0),
    late: late.reduce((a, b) => a + b, 0),
  };
  const all = totals.early + totals.onTime + totals.late;
  if (all === 0) return <p className="muted">No promise kept in this period yet.</p>;
  return (
    <Chart
      x={x}
      categories={labels}
      series={series}
      data={stacked}
      label={`Promises kept per week: ${totals.early} early, ${totals.onTime} on time, ${totals.late} late`}
    />
  );
}

function Bars({
  rows,
  format = (n) => String(n),
}: {
  rows: { label: string; value: number; tone?: string }[];
  format?: (n: number) => string;
}) {
  const max = Math.max(1, ...rows.map((r) => r.value));
  return (
    <div>
      {rows.map((r) => (
        <div key={r.label} className="bar-row">
          <span className="small">{r.label}</span>
          <div className="bar" aria-hidden="true">
            <span style={{ width: `${(r.value / max) * 100}%`, background: r.tone }} />
          </div>
          <span className="small num muted">{format(r.value)}</span>
        </div>
      ))}
    </div>
  );
}

function HabitTable({ data }: { data: Insights }) {
  if (data.habits.length === 0) return <p className="muted">No checklist filled in yet.</p>;
  return (
    <ScrollRegion label="Habit table">
      <table className="table">
        <thead>
          <tr>
            <th>Habit</th>
            <th className="right">Done on calls</th>
            <th className="right">Win rate when done</th>
            <th className="right">When not</th>
          </tr>
        </thead>
        <tbody>
          {data.habits.map((h) => {
            const calls = h.calls.done + h.calls.partly + h.calls.no;
            const withRate = h.practiced.winRate;
            const without = h.notPracticed.winRate;
            const better = withRate !== null && without !== null && withRate > without;
            return (
              <tr key={h.habitId}>
                <td>
                  {h.position}. {h.name}
                </td>
                <td className="right num">{calls ? percent(h.calls.done / calls) : '—'}</td>
                <td className={`right num ${better ? 'factor-pos' : ''}`}>
                  {percent(withRate)}{' '}
                  <span className="faint small">
                    ({h.practiced.won}/{h.practiced.won + h.practiced.lost})
                  </span>
                </td>
                <td className="right num">
                  {percent(without)}{' '}
                  <span className="faint small">
                    ({h.notPracticed.won}/{h.notPracticed.won + h.notPracticed.lost})
                  </span>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

function WeeklyLine({
  weeks,
  values,
  label,
  color,
  suffix,
  yMax,
}: {
  weeks: string[];
  values: number[];
  label: string;
  color: string;
  suffix?: string;
  yMax?: number;
}) {
  const x = useMemo(() => weeks.map((_w, i) => i), [weeks]);
  const labels = useMemo(() => weeks.map((w) => w.replace(/^\d{4}-/, '')), [weeks]);
  const series = useMemo<ChartSeries[]>(() => [{ label, color, kind: 'area' }], [label, color]);
  const data = useMemo(() => [values], [values]);
  if (weeks.length === 0) return <p className="muted">Nothing to draw yet.</p>;
  return (
    <Chart
      x={x}
      categories={labels}
      series={series}
      data={data}
      height={180}
      legend={false}
      yMin={0}
      {...(yMax !== undefined ? { yMax } : {})}
      {...(suffix ? { valueSuffix: suffix } : {})}
      label={`${label} per week, from ${values[0]} to ${values.at(-1)}`}
    />
  );
}

export function InsightsPage() {
  useDocumentTitle('Insights');
  const me = useMe();
  const manager = isManager(me);
  const [weeks, setWeeks] = useState(4);
  const [member, setMember] = useState<string>(manager ? '' : me.member.id);
  const today = todayIn(me.member.timeZone);
  const params = { from: addDays(today, -weeks * 7 + 1), to: today, ...(member && { member }) };
  const insights = useQuery(insightsQuery(params));
  const habits = useQuery(habitsQuery);
  const members = useQuery({ ...membersQuery, enabled: manager });
  const data = insights.data;
  const habitName = byId(habits.data);

  const totals = useMemo(() => {
    if (!data) return null;
    const kept = data.promiseKeeping.reduce(
      (a, p) => ({ early: a.early + p.early, total: a.total + p.total, late: a.late + p.late }),
      { early: 0, total: 0, late: 0 },
    );
    const march = data.march.summary.reduce(
      (a, s) => ({ on: a.on + s.on, days: a.days + s.businessDays, members: a.members + 1 }),
      {
        on: 0,
        days: 0,
        members: 0,
      },
    );
    const won = data.outcomes.deals.won;
    const lost = data.outcomes.deals.lost;
    return { kept, march, won, lost };
  }, [data]);

  return (
    <div className="page">
      <div className="page-header">
        <div>
          <h1>Insights</h1>
          <p className="subtitle">
            Process first: the march, promises kept early, the habits. Results follow.
          </p>
        </div>
        <div className="page-actions">
          {manager ? (
            <select
              className="select"
              aria-label="Whose figures"
              value={member}
              onChange={(e) => setMember(e.target.value)}
            >
              <option value="">Whole team</option>
              {(members.data ?? []).map((m) => (
                <option key={m.id} value={m.id}>
                  {m.name}
                </option>
              ))}
            </select>
          ) : null}
          <div className="segmented" role="group" aria-label="Period">
            {PERIODS.map((p) => (
              <button
                key={p.weeks}
                type="button"
                aria-pressed={weeks === p.weeks}
                onClick={() => setWeeks(p.weeks)}
              >
                {p.label}
              </button>
            ))}
          </div>
        </div>
      </div>

      {insights.isPending ? (
        <LoadingRows rows={6} label="Loading insights" />
      ) : insights.isError ? (
        <ErrorState error={insights.error} onRetry={() => void insights.refetch()} />
      ) : !data || !totals ? null : (
        <>
          <div
            className="grid-3"
            style={{ gridTemplateColumns: 'repeat(auto-fit, minmax(170px, 1fr))' }}
          >
            <Stat
              value={totals.march.days ? percent(totals.march.on / totals.march.days) : '—'}
              label={
                // Several members' days are added up: they are member-days, not days.
                totals.march.members > 1
                  ? `of ${plural(totals.march.days, 'member-day')} on the march (each member’s business days since joining, added up)`
                  : `of ${plural(totals.march.days, 'business day')} on the march`
              }
            />
            <Stat
              value={totals.kept.total ? percent(totals.kept.early / totals.kept.total) : '—'}
              label={`of ${plural(totals.kept.total, 'kept promise')} kept early`}
            />
            <Stat
              value={totals.kept.total ? percent(totals.kept.late / totals.kept.total) : '—'}
              label="kept late"
            />
            <Stat
              value={
                totals.won + totals.lost ? percent(totals.won / (totals.won + totals.lost)) : '—'
              }
              label={`win rate (${totals.won} won, ${totals.lost} lost)`}
            />
          </div>

          <Card title="The march" sub="touches per day against the floor–ceiling band">
            <MarchChart data={data} />
          </Card>

          <div className="grid-2">
            <Card title="Promise keeping" sub="per week">
              <PromiseChart data={data} />
            </Card>
            <Card title="Neglected deals" sub="open deals neglected, per week">
              <WeeklyLine
                weeks={data.neglect.map((n) => n.week)}
                values={data.neglect.map((n) => n.neglected)}
                label="Neglected"
                color="--red"
              />
            </Card>
          </div>

          <Card
            title="Habits and win rate"
            sub="deals won when a habit was practised on their calls, and when not"
          >
            <HabitTable data={data} />
          </Card>

          <div className="grid-2">
            <Card title="Why deals were lost or paused">
              {data.outcomes.deals.lost + data.outcomes.deals.paused === 0 ? (
                <p className="muted">No deal lost or paused in this period.</p>
              ) : (
                <div className="stack">
                  <div>
                    <h3 className="small muted" style={{ marginBottom: 4 }}>
                      Lost ({data.outcomes.deals.lost})
                    </h3>
                    <Bars
                      rows={Object.entries(data.outcomes.lossReasons)
                        .filter(([, v]) => v > 0)
                        .map(([k, v]) => ({
                          label: REASON_LABEL[k as PoorReason],
                          value: v,
                          tone: 'var(--red)',
                        }))}
                    />
                  </div>
                  <div>
                    <h3 className="small muted" style={{ marginBottom: 4 }}>
                      Paused ({data.outcomes.deals.paused})
                    </h3>
                    <Bars
                      rows={Object.entries(data.outcomes.pauseReasons)
                        .filter(([, v]) => v > 0)
                        .map(([k, v]) => ({
                          label: REASON_LABEL[k as PoorReason],
                          value: v,
                          tone: 'var(--amber)',
                        }))}
                    />
                  </div>
                </div>
              )}
            </Card>
            <Card title="Calls" sub="outcomes">
              <Bars
                rows={[
                  { label: 'Advanced', value: data.outcomes.calls.advanced, tone: 'var(--green)' },
                  {
                    label: 'No change',
                    value: data.outcomes.calls['no-change'],
                    tone: 'var(--text-3)',
                  },
                  { label: 'Setback', value: data.outcomes.calls.setback, tone: 'var(--red)' },
                  {
                    label: 'Not recorded',
                    value: data.outcomes.calls.unrecorded,
                    tone: 'var(--border-strong)',
                  },
                ]}
              />
            </Card>
          </div>

          <Card title="Momentum" sub="average score of open deals, per week">
            <WeeklyLine
              weeks={data.momentum.map((m) => m.week)}
              values={data.momentum.map((m) => Math.round(m.average))}
              label="Average momentum"
              color="--accent"
              yMax={100}
            />
          </Card>

          <Card title="Lessons" sub={plural(data.lessons.length, 'lesson')}>
            {data.lessons.length === 0 ? (
              <EmptyState title="No lessons yet">
                After a call that went badly (or well), write one line on what you would do
                differently. They collect here.
              </EmptyState>
            ) : (
              <ul className="list">
                {data.lessons.map((l, i) => (
                  <li key={i} style={{ padding: '10px 0' }}>
                    <div>{capitalise(l.text)}</div>
                    <div className="small muted row" style={{ gap: 8 }}>
                      <span
                        className={`badge ${l.source === 'won' ? 'badge-green' : l.source === 'call' ? 'badge-blue' : 'badge-amber'}`}
                      >
                        {l.source === 'call' ? 'call' : `deal ${l.source}`}
                      </span>
                      <Link to="/deals/$dealId" params={{ dealId: l.dealId }}>
                        {l.dealTitle}
                      </Link>
                      <span>{dateTime(l.at)}</span>
                      {l.habits.map((h) => (
                        <span key={h} className="badge">
                          {habitName.get(h)?.name ?? h}
                        </span>
                      ))}
                    </div>
                  </li>
                ))}
              </ul>
            )}
          </Card>
        </>
      )}
    </div>
  );
}
