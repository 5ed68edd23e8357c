import { useNavigate } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { Dialog } from '../components/dialog.tsx';

export const SHORTCUTS: { keys: string[]; what: string }[] = [
  { keys: ['g', 't'], what: 'Go to Today' },
  { keys: ['g', 'd'], what: 'Go to Deals' },
  { keys: ['g', 'a'], what: 'Go to Accounts' },
  { keys: ['g', 'i'], what: 'Go to Insights' },
  { keys: ['g', 's'], what: 'Go to Settings' },
  { keys: ['c'], what: 'Log a call' },
  { keys: ['Ctrl+K'], what: 'Search deals, accounts and contacts' },
  { keys: ['/'], what: 'Search (on Deals: filter the deals)' },
  { keys: ['?'], what: 'Show this list' },
  { keys: ['Esc'], what: 'Close a dialog' },
];

/** Typing in a field must never trigger a shortcut. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT';
}

/** The app's keyboard shortcuts: `g t`, `g d`, `c`, `?` and friends. */
export function KeyboardShortcuts() {
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  useEffect(() => {
    let pendingG = 0;
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.metaKey || e.ctrlKey || e.altKey || isTyping(e.target)) return;
      if (document.querySelector('dialog[open]') && e.key !== '?') return;
      const now = Date.now();
      if (pendingG && now - pendingG < 1200) {
        pendingG = 0;
        const to = {
          t: '/',
          d: '/deals',
          a: '/accounts',
          i: '/insights',
          s: '/settings',
          m: '/team',
        }[e.key];
        if (to) {
          e.preventDefault();
          void navigate({ to });
        }
        return;
      }
      if (e.key === 'g') {
        pendingG = now;
        return;
      }
      if (e.key === 'c') {
        e.preventDefault();
        const deal = /^\/deals\/([^/]+)$/.exec(window.location.pathname)?.[1];
        void navigate({ to: '/calls/new', search: { deal } });
      } else if (e.key === '?') {
        e.preventDefault();
        setOpen((o) => !o);
      }
    };
    window.addEventListener('keydown', onKey);
    const openList = () => setOpen(true);
    window.addEventListener('momentum:shortcuts', openList);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('momentum:shortcuts', openList);
    };
  }, [navigate]);
  return (
    <Dialog
      open={open}
      onClose={() => setOpen(false)}
      title="Keyboard shortcuts"
      footer={
        <button type="button" className="btn" onClick={() => setOpen(false)}>
          Close
        </button>
      }
    >
      <dl className="shortcut-list">
        {SHORTCUTS.map((s) => (
          <div key={s.what} style={{ display: 'contents' }}>
            <dt>
              {s.keys.map((k, i) => (
                <span key={k}>
                  {i > 0 ? <span className="faint"> then </span> : null}
                  <kbd>{k}</kbd>
                </span>
              ))}
            </dt>
            <dd>{s.what}</dd>
          </div>
        ))}
      </dl>
    </Dialog>
  );
}
