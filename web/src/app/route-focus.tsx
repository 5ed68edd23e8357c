import { useRouterState } from '@tanstack/react-router';
import { useEffect, useRef } from 'react';
import { focusWhenReady } from '../lib/focus.ts';

/** The new page is still loading while any of these is in it: its heading may be replaced. */
const LOADING = '.page > .skeleton:first-child, [role="status"][aria-label^="Loading"]';

/**
 * After every route change (a new address, not a new tab or filter on the same page), focus
 * moves to the new page's heading: a screen reader reads where the user now is, and the next
 * Tab starts from the top of the new content instead of from a link that no longer exists.
 */
export function RouteFocus() {
  const pathname = useRouterState({ select: (s) => s.resolvedLocation?.pathname });
  const previous = useRef(pathname);
  useEffect(() => {
    if (previous.current === pathname) return;
    const first = previous.current === undefined;
    previous.current = pathname;
    // The first page of a visit keeps the browser's own starting point.
    if (first) return;
    const main = () => document.getElementById('main');
    const since = performance.now();
    focusWhenReady(
      () => {
        const root = main();
        const heading = root?.querySelector<HTMLElement>('h1') ?? null;
        // Waits for the page to finish loading, but not forever: a second and a half by the
        // clock, not by frames (a busy machine draws far fewer than 60 a second).
        if (root?.querySelector(LOADING) && performance.now() - since < 1500) return null;
        return heading ?? root;
      },
      // Gives up only if nothing can take the focus for this long; moving the focus oneself
      // stops it at once.
      10_000,
    );
  }, [pathname]);
  return null;
}
