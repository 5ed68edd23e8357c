import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useId, useState } from 'react';
import { api } from '../api/client.ts';
import { accountsQuery } from '../api/queries.ts';
import type { Account, Deal, Stage } from '../api/types.ts';
import { Dialog } from '../components/dialog.tsx';
import { FormError } from '../components/states.tsx';
import { invalidateAfter } from '../api/invalidation.ts';

/** Adds a deal; an account that does not exist yet is created on the way. */
export function NewDealDialog({
  open,
  onClose,
  stages,
  account = '',
}: {
  open: boolean;
  onClose: () => void;
  stages: Stage[];
  /** The account to start from (a prospect from Today). */
  account?: string;
}) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const accounts = useQuery({ ...accountsQuery, enabled: open });
  const listId = useId();
  const formId = useId();
  const [form, setForm] = useState({
    account,
    title: '',
    stage: '',
    amount: '',
    currency: 'USD',
    expectedClose: '',
  });
  const set = (patch: Partial<typeof form>) => setForm((f) => ({ ...f, ...patch }));
  const create = useMutation({
    mutationFn: async () => {
      const name = form.account.trim();
      const known = accounts.data?.find((a) => a.name.toLowerCase() === name.toLowerCase());
      const account = known ?? (await api.post<Account>('/api/v1/accounts', { name }));
      return api.post<Deal>('/api/v1/deals', {
        account: account.id,
        title: form.title.trim(),
        ...(form.stage && { stage: form.stage }),
        ...(form.amount && { amount: Number(form.amount) }),
        currency: form.currency.toUpperCase(),
        ...(form.expectedClose && { expectedClose: form.expectedClose }),
      });
    },
    onSuccess: async (deal) => {
      void invalidateAfter(queryClient, 'deal.create');
      onClose();
      setForm({
        account: '',
        title: '',
        stage: '',
        amount: '',
        currency: form.currency,
        expectedClose: '',
      });
      await navigate({ to: '/deals/$dealId', params: { dealId: deal.id } });
    },
  });
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title="New deal"
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button
            type="submit"
            form={formId}
            className="btn btn-primary"
            disabled={create.isPending}
          >
            {create.isPending ? 'Adding…' : 'Add deal'}
          </button>
        </>
      }
    >
      <form
        id={formId}
        className="stack"
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate();
        }}
      >
        <label className="field">
          <span>Account</span>
          <input
            className="input"
            list={listId}
            required
            value={form.account}
            onChange={(e) => set({ account: e.target.value })}
            placeholder="Company name"
            autoFocus
          />
          <datalist id={listId}>
            {accounts.data?.map((a) => (
              <option key={a.id} value={a.name} />
            ))}
          </datalist>
          <span className="hint">A new name creates the account.</span>
        </label>
        <label className="field">
          <span>Title</span>
          <input
            className="input"
            required
            value={form.title}
            onChange={(e) => set({ title: e.target.value })}
            placeholder="Pilot, 40 seats"
          />
        </label>
        <div className="field-row">
          <label className="field">
            <span>Stage</span>
            <select
              className="select"
              value={form.stage}
              onChange={(e) => set({ stage: e.target.value })}
            >
              {stages.map((s, i) => (
                <option key={s.id} value={i === 0 ? '' : s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>Expected close</span>
            <input
              className="input"
              type="date"
              value={form.expectedClose}
              onChange={(e) => set({ expectedClose: e.target.value })}
            />
          </label>
        </div>
        <div className="field-row">
          <label className="field">
            <span>Amount</span>
            <input
              className="input"
              type="number"
              min={0}
              step="any"
              inputMode="decimal"
              value={form.amount}
              onChange={(e) => set({ amount: e.target.value })}
            />
          </label>
          <label className="field">
            <span>Currency</span>
            <input
              className="input"
              maxLength={3}
              pattern="[A-Za-z]{3}"
              value={form.currency}
              onChange={(e) => set({ currency: e.target.value })}
            />
          </label>
        </div>
        <FormError error={create.error} />
      </form>
    </Dialog>
  );
}
