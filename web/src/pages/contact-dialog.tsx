import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useState } from 'react';
import { api } from '../api/client.ts';
import type { Contact } from '../api/types.ts';
import { Dialog } from '../components/dialog.tsx';
import { FormError } from '../components/states.tsx';
import { announce } from '../components/a11y/announcer.tsx';
import { invalidateAfter } from '../api/invalidation.ts';

interface Fields {
  name: string;
  email: string;
  phone: string;
  title: string;
}

const fieldsOf = (c: Contact | null | undefined, name = ''): Fields => ({
  name: c?.name ?? name,
  email: c?.email ?? '',
  phone: c?.phone ?? '',
  title: c?.title ?? '',
});

/**
 * Adds a contact to an account, or edits one (at the version read: a change made meanwhile is
 * refused, not overwritten). The native modal traps the focus, closes on Escape and gives the
 * focus back to the button that opened it.
 */
export function ContactDialog({
  open,
  onClose,
  accountId,
  contact,
  initialName,
  onSaved,
}: {
  open: boolean;
  onClose: () => void;
  accountId: string;
  /** The contact to edit; none to add one. */
  contact?: Contact | null;
  /** A name to start from (a new attendee from a call's notes). */
  initialName?: string;
  onSaved?: (contact: Contact) => void;
}) {
  const queryClient = useQueryClient();
  const formId = useId();
  const [form, setForm] = useState<Fields>(() => fieldsOf(contact, initialName));
  useEffect(() => {
    if (open) setForm(fieldsOf(contact, initialName));
  }, [open, contact, initialName]);
  const set = (patch: Partial<Fields>) => setForm((f) => ({ ...f, ...patch }));
  const save = useMutation({
    mutationFn: () => {
      const body = {
        name: form.name.trim(),
        email: form.email.trim() || null,
        phone: form.phone.trim() || null,
        title: form.title.trim() || null,
      };
      return contact
        ? api.patch<Contact>(`/api/v1/contacts/${encodeURIComponent(contact.id)}`, body, {
            ifMatch: contact.version,
          })
        : api.post<Contact>('/api/v1/contacts', { account: accountId, ...body });
    },
    onSuccess: (saved) => {
      void invalidateAfter(queryClient, 'contact.save');
      announce(contact ? `Saved ${saved.name}.` : `Added ${saved.name}.`);
      onSaved?.(saved);
      save.reset();
      onClose();
    },
  });
  const close = () => {
    save.reset();
    onClose();
  };
  return (
    <Dialog
      open={open}
      onClose={close}
      title={contact ? `Edit ${contact.name}` : 'New contact'}
      footer={
        <>
          <button type="button" className="btn" onClick={close}>
            Cancel
          </button>
          <button type="submit" form={formId} className="btn btn-primary" disabled={save.isPending}>
            {save.isPending ? 'Saving…' : contact ? 'Save contact' : 'Add contact'}
          </button>
        </>
      }
    >
      <form
        id={formId}
        className="stack"
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <label className="field">
          <span>Name</span>
          <input
            className="input"
            name="name"
            required
            maxLength={200}
            autoComplete="off"
            value={form.name}
            onChange={(e) => set({ name: e.target.value })}
            autoFocus
          />
        </label>
        <label className="field">
          <span>Title or role</span>
          <input
            className="input"
            name="title"
            maxLength={200}
            autoComplete="off"
            value={form.title}
            onChange={(e) => set({ title: e.target.value })}
            placeholder="Head of Operations"
          />
        </label>
        <div className="field-row">
          <label className="field">
            <span>E-mail</span>
            <input
              className="input"
              name="email"
              type="email"
              maxLength={254}
              autoComplete="off"
              value={form.email}
              onChange={(e) => set({ email: e.target.value })}
            />
          </label>
          <label className="field">
            <span>Phone</span>
            <input
              className="input"
              name="phone"
              type="tel"
              maxLength={60}
              autoComplete="off"
              value={form.phone}
              onChange={(e) => set({ phone: e.target.value })}
            />
          </label>
        </div>
        <FormError error={save.error} />
      </form>
    </Dialog>
  );
}
