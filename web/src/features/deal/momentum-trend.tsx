import { useMemo } from 'react';
import { Chart, dateSeconds } from '../../components/chart.tsx';

/** A deal's momentum score over its recent days (loaded with uPlot, on demand). */
export default function MomentumTrend({ trend }: { trend: { date: string; score: number }[] }) {
  const x = useMemo(() => dateSeconds(trend.map((t) => t.date)), [trend]);
  const data = useMemo(() => [trend.map((t) => t.score)], [trend]);
  const series = useMemo(
    () => [{ label: 'Momentum', color: '--accent', kind: 'area' as const }],
    [],
  );
  const first = trend[0]!;
  const last = trend.at(-1)!;
  return (
    <Chart
      x={x}
      series={series}
      data={data}
      height={140}
      legend={false}
      yMin={0}
      yMax={100}
      label={`Momentum trend from ${first.score} on ${first.date} to ${last.score} on ${last.date}`}
    />
  );
}
