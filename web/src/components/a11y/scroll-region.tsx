import { useEffect, useRef, useState, type ReactNode, type RefObject } from 'react';

/**
 * A box that scrolls sideways when its content (a wide table) does not fit. While it does
 * scroll it is a named, focusable region, so a keyboard user can reach it and scroll it with
 * the arrow keys (WCAG 2.1.1); when everything fits it is a plain box and no extra tab stop.
 */
export function ScrollRegion({
  label,
  className = 'table-wrap',
  children,
}: {
  label: string;
  className?: string;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const [scrolls, setScrolls] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => setScrolls(el.scrollWidth > el.clientWidth + 1);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    if (el.firstElementChild) observer.observe(el.firstElementChild);
    return () => observer.disconnect();
  }, []);
  return (
    <div
      ref={ref}
      className={className}
      {...(scrolls ? { role: 'region', 'aria-label': label, tabIndex: 0 } : {})}
    >
      {children}
    </div>
  );
}

/**
 * Which children of a sideways-scrolling box are not fully in view (e.g. the board's columns
 * past the right edge), kept current as it scrolls or resizes, so that the page can say so.
 */
export function useClippedChildren(ref: RefObject<HTMLElement | null>): {
  scrolls: boolean;
  clipped: number[];
} {
  const [state, setState] = useState<{ scrolls: boolean; clipped: number[] }>({
    scrolls: false,
    clipped: [],
  });
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => {
      const box = el.getBoundingClientRect();
      const clipped: number[] = [];
      Array.from(el.children).forEach((child, i) => {
        const r = child.getBoundingClientRect();
        if (r.right > box.right + 1 || r.left < box.left - 1) clipped.push(i);
      });
      const scrolls = el.scrollWidth > el.clientWidth + 1;
      setState((s) =>
        s.scrolls === scrolls && s.clipped.join() === clipped.join() ? s : { scrolls, clipped },
      );
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    for (const child of Array.from(el.children)) observer.observe(child);
    el.addEventListener('scroll', measure, { passive: true });
    return () => {
      observer.disconnect();
      el.removeEventListener('scroll', measure);
    };
  });
  return state;
}
