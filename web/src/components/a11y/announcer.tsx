import { useEffect, useRef, useState } from 'react';

/*
 * One polite live region for the whole app. Anything can announce what just happened ("Moved
 * to Demo", "Today — Fri 4 Dec") without rendering its own region; a screen reader reads it
 * once, without moving focus. Toasts have their own region and need not announce twice.
 */
const EVENT = 'momentum:announce';

export function announce(text: string) {
  window.dispatchEvent(new CustomEvent<string>(EVENT, { detail: text }));
}

export function Announcer() {
  const [text, setText] = useState('');
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onAnnounce = (e: Event) => {
      const next = (e as CustomEvent<string>).detail;
      // Clearing first makes the same sentence twice in a row be read twice.
      setText('');
      clearTimeout(timer);
      timer = setTimeout(() => setText(next), 50);
    };
    window.addEventListener(EVENT, onAnnounce);
    return () => {
      window.removeEventListener(EVENT, onAnnounce);
      clearTimeout(timer);
    };
  }, []);
  return (
    <div className="sr-only" role="status" aria-live="polite" aria-atomic="true">
      {text}
    </div>
  );
}

/** Announces `text` whenever `key` changes after the first render (e.g. the day shown). */
export function useAnnounceChange(key: unknown, text: string) {
  const first = useRef(true);
  const latest = useRef(text);
  latest.current = text;
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    announce(latest.current);
  }, [key]);
}
