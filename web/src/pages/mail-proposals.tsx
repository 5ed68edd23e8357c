import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, errorMessage } from '../api/client.ts';
import { dealsQuery } from '../api/queries.ts';
import { useToast } from '../components/toast.tsx';
import { focusNeighbourItem } from '../lib/focus.ts';
import { shortDate } from '../lib/format.ts';
import { invalidateAfter } from '../api/invalidation.ts';

/** A promise an e-mail seems to have kept (GET /api/v1/mail/proposals). */
interface MailProposal {
  id: string;
  band: 'confident' | 'weak';
  score: number;
  matched: string[];
  reasons: string[];
  commitment: { id: string; text: string; due: string | null };
  message: { id: string; subject: string; sentAt: string; dealId: string | null };
}

/** A new promise read from one's own filed e-mail (GET /api/v1/mail/new-promises). */
interface NewPromise {
  message: { id: string; subject: string; sentAt: string; dealId: string | null };
  number: number;
  text: string;
  due: string | null;
  sentence: string;
}

/** One's own e-mail that fits several open deals (GET /api/v1/mail/inbox, ambiguous only). */
interface AskMessage {
  id: string;
  subject: string;
  recipients: string[];
  candidateDealIds: string[];
}

const proposalsKey = ['mail', 'proposals'] as const;
const newPromisesKey = ['mail', 'new-promises'] as const;
const asksKey = ['mail', 'inbox', 'asks'] as const;

/** Before an item leaves the list: focus goes to the next item's first button (or the previous
 * one's), else to the page's heading, since the card itself goes when its last item does. */
function moveFocusFrom(el: HTMLElement | null) {
  focusNeighbourItem(
    el,
    '.agenda-item',
    document.querySelector<HTMLElement>('main h1, h1'),
    'button:not([disabled])',
  );
}

/**
 * Today's "Kept by e-mail?" card: each promise a filed e-mail seems to have kept, with the words
 * that matched, and one click to mark it kept (at the e-mail's sent time) or to say "not this";
 * and each new promise an e-mail made, to add as a real promise or ignore. Nothing shows when
 * there is nothing to confirm.
 */
export function MailProposals() {
  const queryClient = useQueryClient();
  const toast = useToast();
  const proposals = useQuery({
    queryKey: proposalsKey,
    queryFn: () => api.get<MailProposal[]>('/api/v1/mail/proposals'),
  });
  const newPromises = useQuery({
    queryKey: newPromisesKey,
    queryFn: () => api.get<NewPromise[]>('/api/v1/mail/new-promises'),
  });
  const decide = useMutation({
    mutationFn: ({ id, keep }: { id: string; keep: boolean; text: string }) =>
      api.post(`/api/v1/mail/proposals/${id}/${keep ? 'keep' : 'dismiss'}`),
    onSuccess: (_data, { keep, text }) =>
      toast.show(keep ? `Marked kept: ${text}` : `Not kept by that e-mail: ${text}`),
    onError: (error) => toast.show(errorMessage(error), { tone: 'error' }),
    onSettled: () => invalidateAfter(queryClient, 'mail.proposal'),
  });
  const adopt = useMutation({
    mutationFn: ({ p, add }: { p: NewPromise; add: boolean }) =>
      api.post(
        `/api/v1/mail/messages/${encodeURIComponent(p.message.id)}/promises/${p.number}/${add ? 'accept' : 'ignore'}`,
      ),
    onSuccess: (_data, { p, add }) =>
      toast.show(add ? `Promise added: ${p.text}` : `Ignored: ${p.text}`),
    onError: (error) => toast.show(errorMessage(error), { tone: 'error' }),
    onSettled: () => invalidateAfter(queryClient, 'mail.proposal'),
  });
  /** Whether this new promise's Add or Ignore is on its way. */
  const adopting = (p: NewPromise) =>
    adopt.isPending &&
    adopt.variables?.p.message.id === p.message.id &&
    adopt.variables.p.number === p.number;
  const list = proposals.data ?? [];
  const made = newPromises.data ?? [];
  if (list.length === 0 && made.length === 0) return null;
  return (
    <section className="card" aria-labelledby="mail-kept-title">
      <header className="card-header">
        <h2 id="mail-kept-title">Kept by e-mail?</h2>
      </header>
      {decide.isError ? (
        <div className="alert alert-error" role="alert">
          {errorMessage(decide.error)}
        </div>
      ) : null}
      {list.length > 0 ? (
        <ul className="list" aria-label="Promises your e-mail may have kept">
          {list.map((p) => (
            <li key={p.id} className="agenda-item">
              <div>
                <strong>
                  {p.band === 'confident' ? 'Kept?' : 'Maybe kept?'} {p.commitment.text}
                </strong>
                <div className="muted">
                  “{p.message.subject || '(no subject)'}” — matched: {p.matched.join(', ') || '–'}
                </div>
              </div>
              <div className="row">
                <button
                  type="button"
                  className="btn btn-primary btn-sm"
                  disabled={decide.isPending && decide.variables?.id === p.id}
                  onClick={(e) => {
                    // The item leaves the list: the focus goes on to the next one.
                    moveFocusFrom(e.currentTarget);
                    decide.mutate({ id: p.id, keep: true, text: p.commitment.text });
                  }}
                >
                  Mark kept
                </button>
                <button
                  type="button"
                  className="btn btn-sm"
                  disabled={decide.isPending && decide.variables?.id === p.id}
                  onClick={(e) => {
                    // The item leaves the list: the focus goes on to the next one.
                    moveFocusFrom(e.currentTarget);
                    decide.mutate({ id: p.id, keep: false, text: p.commitment.text });
                  }}
                >
                  Not this
                </button>
              </div>
            </li>
          ))}
        </ul>
      ) : null}
      {made.length > 0 ? (
        <ul className="list" aria-label="New promises from your e-mail">
          {made.map((p) => {
            const labelId = `new-promise-${p.message.id}-${p.number}`;
            return (
              <li key={`${p.message.id}/${p.number}`} className="agenda-item">
                {/* A list item cannot be a group: a wrapper that draws no box carries it. */}
                <div className="contents" role="group" aria-labelledby={labelId}>
                  <div>
                    <strong id={labelId}>
                      New promise from your e-mail: {p.text}
                      {p.due ? `, due ${shortDate(p.due)}` : ''}
                    </strong>
                    <div className="muted">
                      “{p.message.subject || '(no subject)'}” — “{p.sentence}”
                    </div>
                  </div>
                  <div className="row">
                    <button
                      type="button"
                      className="btn btn-primary btn-sm"
                      disabled={adopting(p)}
                      onClick={(e) => {
                        moveFocusFrom(e.currentTarget);
                        adopt.mutate({ p, add: true });
                      }}
                    >
                      Add
                    </button>
                    <button
                      type="button"
                      className="btn btn-sm"
                      disabled={adopting(p)}
                      onClick={(e) => {
                        moveFocusFrom(e.currentTarget);
                        adopt.mutate({ p, add: false });
                      }}
                    >
                      Ignore
                    </button>
                  </div>
                </div>
              </li>
            );
          })}
        </ul>
      ) : null}
    </section>
  );
}

/**
 * Today's ask for one's own e-mail that fits several open deals: "Which deal is this e-mail
 * about?", the candidate deals as buttons; choosing one files it there (the e-mail touch is
 * recorded) and it leaves Today. Unfiled mail (no deal fits) stays on the Inbox page.
 */
export function MailAsks() {
  const queryClient = useQueryClient();
  const toast = useToast();
  const asks = useQuery({
    queryKey: asksKey,
    queryFn: () => api.get<AskMessage[]>('/api/v1/mail/inbox?mine=true&status=ambiguous'),
  });
  const deals = useQuery({ ...dealsQuery('open'), enabled: (asks.data?.length ?? 0) > 0 });
  const file = useMutation({
    mutationFn: ({ message, dealId }: { message: AskMessage; dealId: string; title: string }) =>
      api.post(`/api/v1/mail/messages/${encodeURIComponent(message.id)}/file`, { dealId }),
    onSuccess: (_data, { message, title }) =>
      toast.show(`Filed “${message.subject || '(no subject)'}” on ${title}`),
    onError: (error) => toast.show(errorMessage(error), { tone: 'error' }),
    onSettled: () => invalidateAfter(queryClient, 'mail.proposal'),
  });
  const list = asks.data ?? [];
  if (list.length === 0) return null;
  const titleOf = (id: string) => deals.data?.find((d) => d.id === id)?.title ?? id;
  return (
    <section className="card" aria-labelledby="mail-ask-title">
      <header className="card-header">
        <h2 id="mail-ask-title">Which deal is this e-mail about?</h2>
      </header>
      <ul className="list" aria-label="E-mail that fits several deals">
        {list.map((m) => {
          const labelId = `mail-ask-${m.id}`;
          return (
            <li key={m.id} className="agenda-item">
              <div className="contents" role="group" aria-labelledby={labelId}>
                <div id={labelId}>
                  <strong>{m.subject || '(no subject)'}</strong>
                  <span className="muted"> — to {m.recipients.join(', ') || '–'}</span>
                </div>
                <div className="row">
                  {m.candidateDealIds.map((dealId) => (
                    <button
                      key={dealId}
                      type="button"
                      className="btn btn-sm"
                      disabled={file.isPending && file.variables?.message.id === m.id}
                      onClick={(e) => {
                        moveFocusFrom(e.currentTarget);
                        file.mutate({ message: m, dealId, title: titleOf(dealId) });
                      }}
                    >
                      {titleOf(dealId)}
                    </button>
                  ))}
                </div>
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
