import { useRef, type CSSProperties, type KeyboardEvent, type ReactNode } from 'react';

export interface RadioOption<V extends string> {
  value: V;
  label: ReactNode;
  /** Shown on hover; also the option's accessible description. */
  hint?: string;
}

/** Arrow keys, Home and End move between options; the keys the WAI-ARIA patterns name. */
export function nextIndex(key: string, at: number, count: number): number | null {
  switch (key) {
    case 'ArrowRight':
    case 'ArrowDown':
      return (at + 1) % count;
    case 'ArrowLeft':
    case 'ArrowUp':
      return (at - 1 + count) % count;
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return null;
  }
}

/**
 * A single choice among a few options, drawn as a segmented control, behaving as the WAI-ARIA
 * radio group pattern: one tab stop (the chosen option, or the first when none is), arrow keys
 * move and choose, Space chooses the focused option.
 */
export function RadioGroup<V extends string>({
  label,
  value,
  options,
  onChange,
  className = 'segmented',
  style,
}: {
  label: string;
  value: V | '' | null | undefined;
  options: readonly RadioOption<V>[];
  onChange: (value: V) => void;
  className?: string;
  style?: CSSProperties;
}) {
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  const checkedAt = options.findIndex((o) => o.value === value);
  const tabStop = checkedAt >= 0 ? checkedAt : 0;
  const onKeyDown = (e: KeyboardEvent<HTMLButtonElement>, at: number) => {
    const to = nextIndex(e.key, at, options.length);
    if (to === null) return;
    e.preventDefault();
    refs.current[to]?.focus();
    onChange(options[to]!.value);
  };
  return (
    <div className={className} role="radiogroup" aria-label={label} style={style}>
      {options.map((o, i) => (
        <button
          key={o.value}
          ref={(el) => {
            refs.current[i] = el;
          }}
          type="button"
          role="radio"
          aria-checked={o.value === value}
          tabIndex={i === tabStop ? 0 : -1}
          title={o.hint}
          onClick={() => onChange(o.value)}
          onKeyDown={(e) => onKeyDown(e, i)}
        >
          {o.label}
        </button>
      ))}
    </div>
  );
}
