import { useId, useRef, type CSSProperties, type KeyboardEvent, type ReactNode } from 'react';
import { nextIndex } from './radio-group.tsx';

export interface TabItem<T extends string> {
  id: T;
  label: ReactNode;
}

/**
 * A tab list and its panel, as the WAI-ARIA tabs pattern: one tab stop (the selected tab),
 * arrow keys, Home and End move between tabs and select them (automatic activation: every
 * panel here is cheap to show), and the panel is labelled by its tab. The focus ring is drawn
 * inside each tab (see .tabs in styles.css) because the strip scrolls sideways.
 */
export function Tabs<T extends string>({
  label,
  tabs,
  selected,
  onSelect,
  children,
  panelClassName,
  panelStyle,
}: {
  label: string;
  tabs: readonly TabItem<T>[];
  selected: T;
  onSelect: (id: T) => void;
  children: ReactNode;
  panelClassName?: string;
  panelStyle?: CSSProperties;
}) {
  const base = useId();
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  const tabId = (id: T) => `${base}-tab-${id}`;
  const panelId = `${base}-panel`;
  const onKeyDown = (e: KeyboardEvent<HTMLButtonElement>, at: number) => {
    const to = nextIndex(e.key, at, tabs.length);
    if (to === null || e.key === 'ArrowUp' || e.key === 'ArrowDown') return;
    e.preventDefault();
    refs.current[to]?.focus();
    onSelect(tabs[to]!.id);
  };
  return (
    <>
      <div className="tabs" role="tablist" aria-label={label}>
        {tabs.map((t, i) => (
          <button
            key={t.id}
            ref={(el) => {
              refs.current[i] = el;
            }}
            type="button"
            role="tab"
            id={tabId(t.id)}
            aria-selected={selected === t.id}
            aria-controls={panelId}
            tabIndex={selected === t.id ? 0 : -1}
            onClick={() => onSelect(t.id)}
            onKeyDown={(e) => onKeyDown(e, i)}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div
        role="tabpanel"
        id={panelId}
        aria-labelledby={tabId(selected)}
        className={panelClassName}
        style={panelStyle}
        // Focusable so that Tab from the tab list reaches the panel even when it starts with
        // text, as the pattern recommends.
        tabIndex={0}
      >
        {children}
      </div>
    </>
  );
}
