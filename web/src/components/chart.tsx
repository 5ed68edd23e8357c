import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { shortDate } from '../lib/format.ts';

/*
 * uPlot charts, drawn in the app's own colours (read from the CSS variables, so dark mode is
 * right) and resized with their container. This module is only imported by the pages that
 * draw charts, so uPlot never weighs on the first load.
 */
export interface ChartSeries {
  label: string;
  /** A CSS variable name (e.g. '--accent') or a colour. */
  color: string;
  kind?: 'line' | 'bars' | 'step' | 'area';
  /** Hidden from the legend and drawn without a stroke (the edges of a band). */
  helper?: boolean;
  dash?: number[];
  /** Shown in the legend instead of the plotted value (stacked bars plot sums). */
  legendValues?: (number | null)[];
}

export interface ChartProps {
  /** Unix seconds (time axis) or category indexes. */
  x: number[];
  series: ChartSeries[];
  data: (number | null)[][];
  /** Fill between two series (indexes into `series`): the floor–ceiling band. */
  band?: { upper: number; lower: number; color: string };
  height?: number;
  /** What the chart shows, in words, for screen readers. */
  label: string;
  yMin?: number;
  yMax?: number;
  /** Category labels when x is not time. */
  categories?: string[];
  valueSuffix?: string;
  /** A chart of one series needs no legend. */
  legend?: boolean;
}

function cssColor(value: string, el: Element): string {
  if (!value.startsWith('--')) return value;
  return getComputedStyle(el).getPropertyValue(value).trim() || '#888';
}

function withAlpha(color: string, alpha: number): string {
  if (color.startsWith('#') && color.length === 7) {
    const a = Math.round(alpha * 255)
      .toString(16)
      .padStart(2, '0');
    return `${color}${a}`;
  }
  return color;
}

export function Chart({
  x,
  series,
  data,
  band,
  height = 240,
  label,
  yMin,
  yMax,
  categories,
  valueSuffix = '',
  legend = true,
}: ChartProps) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const text = cssColor('--text-2', el);
    const grid = cssColor('--border', el);
    const barWidth = x.length > 40 ? 0.8 : 0.6;
    const opts: uPlot.Options = {
      width: Math.max(280, el.clientWidth),
      height,
      legend: { show: legend, live: false },
      cursor: { drag: { x: false, y: false }, points: { size: 6 } },
      scales: {
        x: categories ? { time: false } : { time: true },
        y: {
          range: (_u, min, max) => [
            yMin ?? Math.min(0, min ?? 0),
            yMax ?? Math.max(1, Math.ceil((max ?? 1) * 1.1)),
          ],
        },
      },
      axes: [
        {
          stroke: text,
          grid: { show: false },
          ticks: { stroke: grid },
          ...(categories
            ? {
                values: (_u: uPlot, splits: number[]) =>
                  splits.map((s) => (Number.isInteger(s) ? (categories[s] ?? '') : '')),
                splits: () => categories.map((_c, i) => i),
              }
            : {
                // Dates as the rest of the app writes them ("Fri 4 Dec"), never uPlot's own
                // "11/10 2026"; room for them between ticks.
                values: (_u: uPlot, splits: number[]) => splits.map(secondsDate),
                space: 72,
              }),
        },
        {
          stroke: text,
          grid: { stroke: grid, width: 1 },
          ticks: { show: false },
          size: 44,
          values: (_u, splits) => splits.map((s) => `${s}${valueSuffix}`),
        },
      ],
      series: [
        categories
          ? { label: '', value: (_u, v) => (v === null ? '' : (categories[v] ?? '')) }
          : { label: 'Date', value: (_u, v) => (v === null ? '' : secondsDate(v)) },
        ...series.map((s) => {
          const color = cssColor(s.color, el);
          const base: uPlot.Series = {
            label: s.label,
            stroke: s.helper ? 'transparent' : color,
            width: s.kind === 'bars' ? 0 : 2,
            points: { show: s.kind !== 'bars' && x.length < 40, size: 5, fill: color },
            ...(s.dash ? { dash: s.dash } : {}),
            value: (_u: uPlot, v: number | null, _sidx: number, idx: number | null) => {
              const shown = s.legendValues && idx !== null ? s.legendValues[idx] : v;
              return shown === null || shown === undefined ? '—' : `${shown}${valueSuffix}`;
            },
          };
          if (s.helper) return { ...base, points: { show: false }, width: 0 };
          if (s.kind === 'bars') {
            return {
              ...base,
              fill: color,
              paths: uPlot.paths.bars!({ size: [barWidth, 48], gap: 1 }),
            };
          }
          if (s.kind === 'step') {
            return { ...base, paths: uPlot.paths.stepped!({ align: 1 }) };
          }
          if (s.kind === 'area') {
            return { ...base, fill: withAlpha(color, 0.15) };
          }
          return base;
        }),
      ],
      ...(band
        ? {
            bands: [
              {
                series: [band.upper + 1, band.lower + 1] as [number, number],
                fill: withAlpha(cssColor(band.color, el), 0.16),
              },
            ],
          }
        : {}),
    };
    const plot = new uPlot(opts, [x, ...data] as uPlot.AlignedData, el);
    // Helper series (the edge of a band) stay out of the legend.
    const helpers = new Set(series.filter((s) => s.helper).map((s) => s.label));
    for (const row of Array.from(plot.root.querySelectorAll<HTMLElement>('.u-legend .u-series'))) {
      const label = row.querySelector('.u-label')?.textContent ?? '';
      if (helpers.has(label)) row.style.display = 'none';
    }
    const resize = new ResizeObserver(() => {
      plot.setSize({ width: Math.max(280, el.clientWidth), height });
    });
    resize.observe(el);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [x, series, data, band, height, yMin, yMax, categories, valueSuffix, legend]);
  return (
    <div ref={ref} className="chart" style={{ minHeight: height }} role="img" aria-label={label} />
  );
}

/** An x value back to the date it stands for, written as the app writes dates. */
export function secondsDate(seconds: number): string {
  return shortDate(new Date(seconds * 1000).toISOString().slice(0, 10));
}

/** Calendar dates (YYYY-MM-DD) as uPlot's x values: noon UTC, so no zone moves a day. */
export function dateSeconds(dates: string[]): number[] {
  return dates.map((d) => Date.parse(`${d}T12:00:00Z`) / 1000);
}
