/*
 * Where focus goes after an action removes or disables the element that had it. Left alone, the
 * browser drops focus to <body> and a keyboard or screen-reader user starts again from the top
 * of the page (WCAG 2.4.3).
 */

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/** The first control inside `el` a keyboard can reach, if any. */
export function firstFocusable(el: Element | null): HTMLElement | null {
  return el?.querySelector<HTMLElement>(FOCUSABLE) ?? null;
}

/** Focuses `el` even if it is not focusable by nature (a heading, a list): it becomes a
 * programmatic focus target only, never a tab stop. */
export function focusElement(el: HTMLElement | null): boolean {
  if (!el) return false;
  if (!el.matches(FOCUSABLE) && !el.hasAttribute('tabindex')) el.tabIndex = -1;
  el.focus();
  return document.activeElement === el;
}

/**
 * The element `from` belongs to an item (the closest `item` selector) that is about to go away
 * or be disabled: move focus to the first control of the next item, else of the previous one,
 * else to `fallback` (typically the list's heading). Call it before the item changes.
 */
export function focusNeighbourItem(
  from: Element | null,
  item: string,
  fallback?: HTMLElement | null,
  /** Which control of the neighbour to focus; its first focusable one by default. */
  control: string = FOCUSABLE,
): void {
  const current = from?.closest(item);
  if (!current) return;
  const siblings = [...(current.parentElement?.children ?? [])].filter((el) => el.matches(item));
  const at = siblings.indexOf(current);
  const candidates = [...siblings.slice(at + 1), ...siblings.slice(0, at).reverse()];
  for (const sibling of candidates) {
    if (focusElement(sibling.querySelector<HTMLElement>(control))) return;
  }
  focusElement(fallback ?? null);
}

/**
 * A settings row's button whose row is about to go (a token revoked, a webhook or member
 * removed, an invitation revoked): the focus goes to the next row's button, else the previous
 * one's, else the heading of the row's section.
 */
export function focusNextRowButton(from: HTMLElement, row: string): void {
  focusNeighbourItem(from, row, from.closest('section')?.querySelector('h2'), 'button');
}

/**
 * Focuses the element `find` returns once it exists and is connected, for an element that
 * appears on a later render (a card in its new column, a page's heading after its data loads).
 * Gives up after `timeoutMs`, or as soon as the user has moved focus elsewhere themselves.
 */
export function focusWhenReady(find: () => HTMLElement | null, timeoutMs = 3000): void {
  const startedOn = document.activeElement;
  const deadline = performance.now() + timeoutMs;
  const attempt = () => {
    const moved =
      document.activeElement !== startedOn &&
      document.activeElement !== document.body &&
      document.activeElement !== null;
    if (moved) return;
    const el = find();
    if (el?.isConnected && focusElement(el)) return;
    if (performance.now() < deadline) requestAnimationFrame(attempt);
  };
  requestAnimationFrame(attempt);
}

/**
 * For a while after an action whose answer redraws the list (an item moving to another list, a
 * row re-keyed): if the focus drops to <body>, it is put back on what `find` returns. Stops at
 * the deadline, or as soon as the user clicks or taps (they have chosen where they are).
 */
export function guardFocus(find: () => HTMLElement | null, forMs = 5000): void {
  const until = performance.now() + forMs;
  let stopped = false;
  const stop = () => {
    stopped = true;
  };
  document.addEventListener('pointerdown', stop, { once: true, capture: true });
  const check = () => {
    if (stopped) return;
    const lost = document.activeElement === null || document.activeElement === document.body;
    if (lost) focusElement(find());
    if (performance.now() < until) requestAnimationFrame(check);
    else document.removeEventListener('pointerdown', stop, { capture: true });
  };
  requestAnimationFrame(check);
}
