import type { Deal, DealStatus } from '../api/types.ts';

/** A momentum score (0–100) as a coloured pill: green from 60, amber from 35, red below. */
export function MomentumScore({
  score,
  label,
}: {
  score: number | null | undefined;
  label?: string;
}) {
  if (score === null || score === undefined) {
    return (
      <span className="faint">
        <span aria-hidden="true">—</span>
        <span className="sr-only">Momentum not scored yet</span>
      </span>
    );
  }
  const tone = score >= 60 ? 'score-high' : score >= 35 ? 'score-mid' : 'score-low';
  return (
    <span className={`score ${tone}`} title={label}>
      <span aria-hidden="true">{score}</span>
      <span className="sr-only">{label ?? `Momentum ${score} of 100`}</span>
    </span>
  );
}

export function isNeglected(deal: Deal): boolean {
  return Boolean(deal.neglected);
}

const NEGLECT_REASON: Record<string, string> = {
  'no-touch': 'No recent touch',
  'no-next-step': 'No next step',
  'overdue-ours': 'A promise of ours is overdue',
  'unchased-theirs': 'A promise of theirs is not chased',
};

export function NeglectBadge({ deal }: { deal: Deal }) {
  if (!isNeglected(deal)) return null;
  const reasons = (deal.neglectReasons ?? []).map((r) => NEGLECT_REASON[r] ?? r).join('; ');
  return (
    <span className="badge badge-red" title={reasons || 'Neglected'}>
      Neglected
    </span>
  );
}

const STATUS_TONE: Record<DealStatus, string> = {
  open: 'badge-blue',
  won: 'badge-green',
  lost: 'badge-red',
  paused: 'badge-amber',
};

export function StatusBadge({ status }: { status: DealStatus }) {
  return <span className={`badge ${STATUS_TONE[status]}`}>{status}</span>;
}
