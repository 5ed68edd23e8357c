import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, errorMessage } from '../api/client.ts';

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

const proposalsKey = ['mail', 'proposals'] as const;

/**
 * Today's "Kept?" card: each promise a filed e-mail seems to have kept, with the words that
 * matched, and one click to mark it kept (at the e-mail's sent time) or to say "not this".
 * Nothing shows when there is nothing to confirm.
 */
export function MailProposals() {
  const queryClient = useQueryClient();
  const proposals = useQuery({
    queryKey: proposalsKey,
    queryFn: () => api.get<MailProposal[]>('/api/v1/mail/proposals'),
  });
  const decide = useMutation({
    mutationFn: ({ id, keep }: { id: string; keep: boolean }) =>
      api.post(`/api/v1/mail/proposals/${id}/${keep ? 'keep' : 'dismiss'}`),
    onSettled: () => queryClient.invalidateQueries(),
  });
  const list = proposals.data ?? [];
  if (list.length === 0) return null;
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
                disabled={decide.isPending}
                onClick={() => decide.mutate({ id: p.id, keep: true })}
              >
                Mark kept
              </button>
              <button
                type="button"
                className="btn btn-sm"
                disabled={decide.isPending}
                onClick={() => decide.mutate({ id: p.id, keep: false })}
              >
                Not this
              </button>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
