import { recordAudit } from '../../audit/record.ts';
import type { SecretGenerator } from '../../auth/ports.ts';
import type { ReadDeps, WriteDeps } from '../../kernel/deps.ts';
import { toStoredInstant } from '../../time/dates.ts';
import { DomainError, conflict } from '../../kernel/errors.ts';
import type { Executor } from '../../kernel/transactions.ts';
import type { MemberRepository } from '../../workspaces/ports.ts';
import type { Actor, Member } from '../../workspaces/types.ts';
import { DEFAULT_DIGEST_TIME, parseDigestTime } from '../digest-schedule.ts';
import type { DigestPreferences, DigestRepository, MessageSigner } from '../ports.ts';

export const UNSUBSCRIBE_KEY_PREFIX = 'dk';

export interface DigestSettings {
  enabled: boolean;
  /** HH:MM in the member's zone. */
  time: string;
  timeZone: string;
  version: number;
}

type PrefDeps = { digests: DigestRepository; secrets: Pick<SecretGenerator, 'newToken'> };

/** The member's preferences, made with the defaults (on, 08:00, a fresh signing key) on first
 * use, inside the caller's transaction. */
export async function ensurePreferences(
  deps: PrefDeps & { clock: WriteDeps['clock']; ids: WriteDeps['ids'] },
  tx: Executor,
  member: Pick<Member, 'id' | 'workspaceId'>,
): Promise<DigestPreferences> {
  const found = await deps.digests.findPreferences(tx, member.id);
  if (found) return found;
  const prefs: DigestPreferences = {
    memberId: member.id,
    workspaceId: member.workspaceId,
    enabled: true,
    sendAt: DEFAULT_DIGEST_TIME,
    unsubscribeKey: deps.secrets.newToken(UNSUBSCRIBE_KEY_PREFIX),
    updatedAt: toStoredInstant(deps.clock.now()),
    version: 1,
  };
  await deps.digests.savePreferences(tx, prefs, null);
  return (await deps.digests.findPreferences(tx, member.id)) ?? prefs;
}

function settingsOf(member: Member, prefs: DigestPreferences | null): DigestSettings {
  return {
    enabled: prefs?.enabled ?? true,
    time: prefs?.sendAt ?? DEFAULT_DIGEST_TIME,
    timeZone: member.timeZone,
    version: prefs?.version ?? 0,
  };
}

async function liveMember(
  deps: { members: Pick<MemberRepository, 'findById'> },
  ex: Executor,
  actor: Actor,
): Promise<Member> {
  const member = await deps.members.findById(ex, actor.workspaceId, actor.memberId);
  if (!member || member.removedAt) throw new DomainError('not-found', 'No such member.');
  return member;
}

/** A member's own digest settings. */
export async function getDigestSettings(
  deps: ReadDeps & { digests: DigestRepository; members: Pick<MemberRepository, 'findById'> },
  actor: Actor,
): Promise<DigestSettings> {
  const ex = deps.runner.executor;
  const member = await liveMember(deps, ex, actor);
  return settingsOf(member, await deps.digests.findPreferences(ex, member.id));
}

/** Turns one's own digest on or off and sets its local time. */
export async function updateDigestSettings(
  deps: WriteDeps & PrefDeps & { members: Pick<MemberRepository, 'findById'> },
  actor: Actor,
  patch: { enabled?: boolean; time?: string },
): Promise<DigestSettings> {
  const time = patch.time === undefined ? undefined : parseDigestTime(patch.time);
  return deps.runner.transaction(async (tx) => {
    const member = await liveMember(deps, tx, actor);
    const before = await ensurePreferences(deps, tx, member);
    const after: DigestPreferences = {
      ...before,
      ...(patch.enabled !== undefined && { enabled: patch.enabled }),
      ...(time !== undefined && { sendAt: time }),
      updatedAt: toStoredInstant(deps.clock.now()),
    };
    if (!(await deps.digests.savePreferences(tx, after, before.version))) {
      throw conflict('The digest settings changed meanwhile; try again.');
    }
    await recordAudit(deps, tx, {
      workspaceId: actor.workspaceId,
      actor,
      action: 'digest.settings',
      entity: 'member',
      entityId: member.id,
      before: { enabled: before.enabled, time: before.sendAt },
      after: { enabled: after.enabled, time: after.sendAt },
    });
    return settingsOf(member, { ...after, version: before.version + 1 });
  });
}

const UNSUBSCRIBE_PURPOSE = 'digest-unsubscribe';

/** The token of a member's one-click unsubscribe link: their id and an HMAC of it under their
 * own key. It never expires, and a new key (none is issued yet) would void it. */
export function unsubscribeToken(signer: MessageSigner, prefs: DigestPreferences): string {
  return `${prefs.memberId}.${signer.sign(prefs.unsubscribeKey, `${UNSUBSCRIBE_PURPOSE}:${prefs.memberId}`)}`;
}

const BAD_LINK = 'This unsubscribe link is not valid. Sign in and turn the digest off in Settings.';

type UnsubscribeDeps = ReadDeps & {
  digests: DigestRepository;
  members: Pick<MemberRepository, 'findById'>;
  signer: MessageSigner;
};

async function verifyToken(
  deps: UnsubscribeDeps,
  ex: Executor,
  token: string,
): Promise<{ prefs: DigestPreferences; member: Member }> {
  const [memberId, signature, ...rest] = token.split('.');
  if (!memberId || !signature || rest.length) throw new DomainError('not-found', BAD_LINK);
  const prefs = await deps.digests.findPreferences(ex, memberId);
  if (
    !prefs ||
    !deps.signer.verify(prefs.unsubscribeKey, `${UNSUBSCRIBE_PURPOSE}:${memberId}`, signature)
  ) {
    throw new DomainError('not-found', BAD_LINK);
  }
  const member = await deps.members.findById(ex, prefs.workspaceId, memberId);
  if (!member) throw new DomainError('not-found', BAD_LINK);
  return { prefs, member };
}

/** What the unsubscribe page shows before the click: whose digest it is, and whether it is on.
 * Reading it changes nothing (mail scanners follow links). */
export async function previewUnsubscribe(
  deps: UnsubscribeDeps,
  token: string,
): Promise<{ email: string; enabled: boolean }> {
  const { prefs, member } = await verifyToken(deps, deps.runner.executor, token);
  return { email: member.email, enabled: prefs.enabled };
}

/** One click (RFC 8058): turns the digest off, without signing in. Doing it twice is fine. */
export async function unsubscribe(
  deps: UnsubscribeDeps & WriteDeps,
  token: string,
): Promise<{ email: string }> {
  return deps.runner.transaction(async (tx) => {
    const { prefs, member } = await verifyToken(deps, tx, token);
    if (prefs.enabled) {
      const saved = await deps.digests.savePreferences(
        tx,
        { ...prefs, enabled: false, updatedAt: toStoredInstant(deps.clock.now()) },
        prefs.version,
      );
      if (!saved) throw conflict('The digest settings changed meanwhile; try again.');
      await recordAudit(deps, tx, {
        workspaceId: prefs.workspaceId,
        actorId: member.id,
        action: 'digest.unsubscribe',
        entity: 'member',
        entityId: member.id,
        before: { enabled: true },
        after: { enabled: false },
      });
    }
    return { email: member.email };
  });
}
