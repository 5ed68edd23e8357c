import { useEffect } from 'react';

/** The app's name, last in every title so that a tab list still says whose tab it is. */
export const APP_NAME = 'Momentum';

/** "Today — Fri 4 Dec · Momentum": the view first, then the app. */
export function documentTitle(view: string | undefined): string {
  return view ? `${view} · ${APP_NAME}` : APP_NAME;
}

/**
 * Gives the view its own document title while it is shown (WCAG 2.4.2): screen readers read it
 * on every route change, and a row of tabs or the history menu tells views apart. Pass
 * undefined while the view does not know its name yet (e.g. a deal still loading).
 */
export function useDocumentTitle(view: string | undefined) {
  useEffect(() => {
    if (view === undefined) return;
    document.title = documentTitle(view);
  }, [view]);
}
