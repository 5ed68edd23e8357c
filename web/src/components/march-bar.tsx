/**
 * The daily march as a track: the green band runs from the floor to the ceiling; the fill is
 * the distance covered today. Under the floor is a stall, over the ceiling a rush.
 */
export function MarchBar({
  done,
  floor,
  ceiling,
  compact = false,
}: {
  done: number;
  floor: number;
  ceiling: number;
  compact?: boolean;
}) {
  const max = Math.max(ceiling + Math.max(2, Math.ceil(ceiling * 0.2)), done, 1);
  const pct = (n: number) => `${Math.min(100, (n / max) * 100)}%`;
  const band = done > ceiling ? 'rush' : done >= floor ? 'on' : 'stall';
  return (
    <div
      className="march-track"
      role="meter"
      aria-label={`Today's march: ${done} touches, floor ${floor}, ceiling ${ceiling}`}
      aria-valuemin={0}
      aria-valuemax={max}
      aria-valuenow={done}
      style={compact ? { margin: '6px 0', height: 8 } : undefined}
    >
      <div
        className="march-band"
        style={{ left: pct(floor), width: `calc(${pct(ceiling)} - ${pct(floor)})` }}
      />
      <div className={`march-fill ${band === 'stall' ? '' : band}`} style={{ width: pct(done) }} />
      {compact ? null : (
        <>
          <div className="march-mark floor" style={{ left: pct(floor) }}>
            <span>floor {floor}</span>
          </div>
          <div className="march-mark" style={{ left: pct(ceiling) }}>
            <span>ceiling {ceiling}</span>
          </div>
        </>
      )}
    </div>
  );
}

export function marchMessage(done: number, floor: number, ceiling: number): string {
  if (done < floor) return `${floor - done} more to reach your floor.`;
  if (done === floor) return 'Floor reached — a steady day. Anything more is optional.';
  if (done <= ceiling) return `On the march: ${ceiling - done} left before the ceiling.`;
  return 'Past the ceiling: rest tomorrow’s pace, not today’s rush.';
}
