import { invalidateAfter } from '../../api/invalidation.ts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, errorMessage } from '../../api/client.ts';
import { invitationsQuery, membersQuery } from '../../api/queries.ts';
import type { Invitation, Member, Role } from '../../api/types.ts';
import { isManager, useMe } from '../../app/session.ts';
import { ScrollRegion } from '../../components/a11y/scroll-region.tsx';
import { ErrorState, FormError, LoadingRows } from '../../components/states.tsx';
import { useToast } from '../../components/toast.tsx';
import { focusNextRowButton } from '../../lib/focus.ts';
import { relativeDays } from '../../lib/format.ts';
import { Section } from './section.tsx';

/* The Members tab: who is in the workspace, password resets and invitations. */
function MemberRow({ member, me, isOwner }: { member: Member; me: string; isOwner: boolean }) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const change = useMutation({
    mutationFn: (role: Role) =>
      api.patch(
        `/api/v1/members/${encodeURIComponent(member.id)}`,
        { role },
        { ifMatch: member.version },
      ),
    onSuccess: () => void invalidateAfter(queryClient, 'member.change'),
    onError: (e) => toast.show(errorMessage(e), { tone: 'error' }),
  });
  const remove = useMutation({
    mutationFn: () => api.delete(`/api/v1/members/${encodeURIComponent(member.id)}`),
    onSuccess: () => void invalidateAfter(queryClient, 'member.change'),
    onError: (e) => toast.show(errorMessage(e), { tone: 'error' }),
  });
  return (
    <tr>
      <td>
        <div className="who-name">{member.name}</div>
        <div className="small faint">{member.email}</div>
      </td>
      <td>
        {isOwner && member.id !== me ? (
          <select
            className="select select-sm w-auto"
            aria-label={`Role of ${member.name}`}
            value={member.role}
            onChange={(e) => change.mutate(e.target.value as Role)}
          >
            <option value="owner">Owner</option>
            <option value="manager">Manager</option>
            <option value="rep">Rep</option>
          </select>
        ) : (
          <span className="badge">{member.role}</span>
        )}
      </td>
      <td className="small muted">{member.timeZone}</td>
      <td className="right">
        {isOwner && member.id !== me ? (
          <button
            type="button"
            className="btn btn-sm btn-ghost btn-danger"
            aria-label={`Remove ${member.name}`}
            onClick={(e) => {
              const button = e.currentTarget;
              if (
                window.confirm(`Remove ${member.name}? Their sessions and API tokens stop working.`)
              )
                remove.mutate(undefined, { onSuccess: () => focusNextRowButton(button, 'tr') });
            }}
          >
            Remove
          </button>
        ) : null}
      </td>
    </tr>
  );
}

/** An owner or manager makes a one-time reset link for a member (e-mailed when configured). */
function PasswordResetSection({
  members,
}: {
  members: { id: string; name: string; email: string }[];
}) {
  const [memberId, setMemberId] = useState('');
  const reset = useMutation({
    mutationFn: (id: string) =>
      api.post<{ link: string; expiresAt: string; emailed: boolean; notice: string | null }>(
        `/api/v1/members/${encodeURIComponent(id)}/password-reset`,
        {},
      ),
  });
  const chosen = members.find((m) => m.id === memberId);
  return (
    <Section
      title="Password resets"
      sub="A link for a member to set a new password: it works once, for an hour, and goes to them by e-mail when e-mail is configured."
    >
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault();
          if (memberId) reset.mutate(memberId);
        }}
      >
        <label className="field">
          <span>Member</span>
          <select
            className="input"
            required
            value={memberId}
            onChange={(e) => {
              setMemberId(e.target.value);
              reset.reset();
            }}
          >
            <option value="">Choose a member…</option>
            {members.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name} ({m.email})
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="btn" disabled={reset.isPending || !memberId}>
          Reset password
        </button>
      </form>
      <FormError error={reset.error} />
      {reset.data ? (
        <div className="alert alert-success alert-stacked" role="status">
          {reset.data.emailed ? (
            <span>The link went to {chosen?.email ?? 'them'} by e-mail.</span>
          ) : reset.data.notice ? (
            <span>{reset.data.notice}</span>
          ) : null}
          <strong>Reset link (shown once, works until {reset.data.expiresAt}):</strong>
          <code className="break-all">{reset.data.link}</code>
          <button
            type="button"
            className="btn btn-sm"
            onClick={() => void navigator.clipboard?.writeText(reset.data.link)}
          >
            Copy link
          </button>
        </div>
      ) : null}
    </Section>
  );
}

export function MembersPanel() {
  const me = useMe();
  const queryClient = useQueryClient();
  const members = useQuery(membersQuery);
  const invitations = useQuery({ ...invitationsQuery, enabled: isManager(me) });
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('rep');
  const [link, setLink] = useState<string | null>(null);
  const [mailed, setMailed] = useState<{ to: string | null; notice: string | null }>({
    to: null,
    notice: null,
  });
  const invite = useMutation({
    mutationFn: () =>
      api.post<{ invitation: Invitation; token: string; emailed: boolean; notice: string | null }>(
        '/api/v1/invitations',
        { email, role },
      ),
    onSuccess: (r) => {
      setMailed({ to: r.emailed ? r.invitation.email : null, notice: r.notice });
      setLink(`${window.location.origin}/join?token=${encodeURIComponent(r.token)}`);
      setEmail('');
      void invalidateAfter(queryClient, 'invitation.change');
    },
  });
  const revoke = useMutation({
    mutationFn: (id: string) => api.delete(`/api/v1/invitations/${encodeURIComponent(id)}`),
    onSuccess: () => void invalidateAfter(queryClient, 'invitation.change'),
  });
  const isOwner = me.member.role === 'owner';
  return (
    <>
      <Section title="Members">
        {members.isPending ? (
          <LoadingRows rows={3} />
        ) : members.isError ? (
          <ErrorState error={members.error} />
        ) : (
          <ScrollRegion label="Member table">
            <table className="table">
              <thead>
                <tr>
                  <th>Name</th>
                  <th>Role</th>
                  <th>Zone</th>
                  <th>
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {members.data.map((m) => (
                  <MemberRow key={m.id} member={m} me={me.member.id} isOwner={isOwner} />
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        )}
      </Section>
      {isManager(me) && members.data ? <PasswordResetSection members={members.data} /> : null}
      {isManager(me) ? (
        <Section
          title="Invitations"
          sub="Invite by e-mail: the link goes to them when e-mail is configured; otherwise pass it on yourself. It works once, for seven days."
        >
          <form
            className="row"
            onSubmit={(e) => {
              e.preventDefault();
              invite.mutate();
            }}
          >
            <input
              className="input grow w-auto"
              type="email"
              required
              aria-label="E-mail to invite"
              placeholder="name@company.com"
              value={email}
              onChange={(e) => setEmail(e.target.value)}
            />
            <select
              className="select w-auto"
              aria-label="Role"
              value={role}
              onChange={(e) => setRole(e.target.value as Role)}
            >
              <option value="rep">Rep</option>
              <option value="manager">Manager</option>
              {isOwner ? <option value="owner">Owner</option> : null}
            </select>
            <button type="submit" className="btn btn-primary" disabled={invite.isPending}>
              Invite
            </button>
          </form>
          <FormError error={invite.error} />
          {link ? (
            <div className="alert alert-success alert-stacked" role="status">
              {mailed.to ? (
                <span>The link went to {mailed.to} by e-mail.</span>
              ) : mailed.notice ? (
                <span>{mailed.notice}</span>
              ) : null}
              <strong>Invitation link (shown once):</strong>
              <code className="break-all">{link}</code>
              <button
                type="button"
                className="btn btn-sm"
                onClick={() => void navigator.clipboard?.writeText(link)}
              >
                Copy link
              </button>
            </div>
          ) : null}
          {invitations.data && invitations.data.length > 0 ? (
            <table className="table">
              <thead>
                <tr>
                  <th>Invited</th>
                  <th>Role</th>
                  <th>Expires</th>
                  <th>
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {invitations.data.map((i) => (
                  <tr key={i.id}>
                    <td>{i.email}</td>
                    <td>{i.role}</td>
                    <td className="muted small">{relativeDays(i.expiresAt)}</td>
                    <td className="right">
                      <button
                        type="button"
                        className="btn btn-sm btn-ghost"
                        aria-label={`Revoke the invitation to ${i.email}`}
                        onClick={(e) => {
                          const button = e.currentTarget;
                          revoke.mutate(i.id, {
                            onSuccess: () => focusNextRowButton(button, 'tr'),
                          });
                        }}
                      >
                        Revoke
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </Section>
      ) : null}
    </>
  );
}
