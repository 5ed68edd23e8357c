import { useQuery } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { searchQuery } from '../api/queries.ts';
import type { SearchKind, SearchResult } from '../api/types.ts';
import { Dialog } from './dialog.tsx';
import { ErrorState } from './states.tsx';

const GROUPS: { kind: SearchKind; label: string }[] = [
  { kind: 'deal', label: 'Deals' },
  { kind: 'account', label: 'Accounts' },
  { kind: 'contact', label: 'Contacts' },
];

/** Waits for typing to pause before asking the server. */
function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/** Typing in a field must never open the search. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  const tag = target.tagName;
  return target.isContentEditable || tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT';
}

/**
 * Search across deals, accounts and contacts, opened with Ctrl+K (⌘K) anywhere or "/" outside
 * the Deals page (which keeps "/" for its own filter). The ARIA combobox pattern: the input owns
 * a listbox of results grouped by kind; the arrow keys move the active option (the focus stays
 * in the input), Enter opens it, Escape closes the dialog and the focus returns to where it was.
 */
export function SearchBox() {
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const [active, setActive] = useState(0);
  const listId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const q = useDebounced(text.trim(), 150);
  const searchable = /[\p{L}\p{N}]/u.test(q);
  const results = useQuery({ ...searchQuery(q), enabled: open && searchable });

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const ctrlK = (e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 'k';
      const slash =
        e.key === '/' &&
        !e.ctrlKey &&
        !e.metaKey &&
        !e.altKey &&
        !isTyping(e.target) &&
        window.location.pathname !== '/deals' &&
        !document.querySelector('dialog[open]');
      if (!ctrlK && !slash) return;
      e.preventDefault();
      setOpen(true);
    };
    const openIt = () => setOpen(true);
    window.addEventListener('keydown', onKey);
    window.addEventListener('momentum:search', openIt);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('momentum:search', openIt);
    };
  }, []);

  // Results in display order (grouped by kind, each group in rank order).
  const ordered = useMemo(() => {
    const list = results.data?.results ?? [];
    return GROUPS.flatMap((g) => list.filter((r) => r.kind === g.kind));
  }, [results.data]);
  useEffect(() => setActive(0), [results.data]);

  const close = () => {
    setOpen(false);
    setText('');
  };
  const go = async (r: SearchResult) => {
    close();
    if (r.kind === 'deal') await navigate({ to: '/deals/$dealId', params: { dealId: r.id } });
    else if (r.accountId)
      await navigate({ to: '/accounts/$accountId', params: { accountId: r.accountId } });
  };
  const optionId = (i: number) => `${listId}-opt-${i}`;
  const showList = open && searchable && ordered.length > 0;

  return (
    <Dialog open={open} onClose={close} title="Search">
      <div className="search-box">
        <input
          ref={inputRef}
          className="input"
          type="text"
          role="combobox"
          aria-label="Search deals, accounts and contacts"
          aria-expanded={showList}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={showList ? optionId(active) : undefined}
          placeholder="Deals, accounts, people…"
          autoComplete="off"
          spellCheck={false}
          autoFocus
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (!ordered.length) return;
            if (e.key === 'ArrowDown') {
              e.preventDefault();
              setActive((i) => (i + 1) % ordered.length);
            } else if (e.key === 'ArrowUp') {
              e.preventDefault();
              setActive((i) => (i - 1 + ordered.length) % ordered.length);
            } else if (e.key === 'Home' && e.ctrlKey) {
              e.preventDefault();
              setActive(0);
            } else if (e.key === 'End' && e.ctrlKey) {
              e.preventDefault();
              setActive(ordered.length - 1);
            } else if (e.key === 'Enter') {
              e.preventDefault();
              const r = ordered[active];
              if (r) void go(r);
            }
          }}
        />
        <div id={listId} role="listbox" aria-label="Results" className="search-results">
          {showList
            ? GROUPS.map((g) => {
                const items = ordered
                  .map((r, i) => ({ r, i }))
                  .filter(({ r }) => r.kind === g.kind);
                if (!items.length) return null;
                return (
                  <div key={g.kind} role="group" aria-labelledby={`${listId}-${g.kind}`}>
                    <div id={`${listId}-${g.kind}`} className="search-group" role="presentation">
                      {g.label}
                    </div>
                    {items.map(({ r, i }) => (
                      <div
                        key={`${r.kind}-${r.id}`}
                        id={optionId(i)}
                        role="option"
                        aria-selected={i === active}
                        className="search-option"
                        onMouseMove={() => setActive(i)}
                        onClick={() => void go(r)}
                      >
                        <span className="search-title">{r.title}</span>
                        <span className="small muted">
                          {[r.kind !== 'account' ? r.accountName : null, r.detail]
                            .filter(Boolean)
                            .join(' · ')}
                        </span>
                      </div>
                    ))}
                  </div>
                );
              })
            : null}
        </div>
        <p className="small muted" role="status" aria-live="polite" style={{ margin: 0 }}>
          {!searchable
            ? 'Type a name, a title or an e-mail. ↑ ↓ to choose, Enter to open.'
            : results.isPending
              ? 'Searching…'
              : results.isSuccess
                ? ordered.length === 0
                  ? `Nothing found for “${q}”.`
                  : `${ordered.length} result${ordered.length === 1 ? '' : 's'}.`
                : ''}
        </p>
        {results.isError ? <ErrorState error={results.error} /> : null}
      </div>
    </Dialog>
  );
}
