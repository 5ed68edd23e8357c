import type { KeyboardEvent } from 'react';

/** Inputs where the browser would submit the form on Enter ("implicit submission"). */
const SINGLE_LINE = new Set([
  'text',
  'search',
  'email',
  'url',
  'tel',
  'number',
  'password',
  'date',
  'time',
  'datetime-local',
  'month',
  'week',
]);

/**
 * For a form where saving must be a deliberate act (Log a call, a plan revision, closing a
 * deal): Enter in a single-line
 * field does not submit it — a half-written call is not saved by a stray Enter — while
 * Ctrl+Enter or Cmd+Enter, anywhere in the form, saves it as the button does. Put it on the
 * <form> as onKeyDown.
 */
export function explicitSubmitKeys(e: KeyboardEvent<HTMLFormElement>) {
  if (e.key !== 'Enter' || e.nativeEvent.isComposing) return;
  const target = e.target as HTMLElement;
  if (e.ctrlKey || e.metaKey) {
    e.preventDefault();
    e.currentTarget.requestSubmit();
    return;
  }
  if (target instanceof HTMLInputElement && SINGLE_LINE.has(target.type)) e.preventDefault();
}
