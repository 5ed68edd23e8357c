import { notFound } from '../kernel/errors.ts';
import type { Executor } from '../kernel/transactions.ts';
import type { MemberRepository } from '../workspaces/ports.ts';
import { seesWholeWorkspace, type Actor, type Member } from '../workspaces/types.ts';

/**
 * The member whose march or agenda is asked for: the actor by default; another member only for
 * owners and managers. A rep asking for someone else is told there is no such member.
 */
export async function viewedMember(
  deps: { members: Pick<MemberRepository, 'findById'> },
  ex: Executor,
  actor: Actor,
  memberId?: string,
): Promise<Member> {
  const id = memberId?.trim() || actor.memberId;
  if (id !== actor.memberId && !seesWholeWorkspace(actor)) throw notFound('member', id);
  const member = await deps.members.findById(ex, actor.workspaceId, id);
  if (!member || member.removedAt) throw notFound('member', id);
  return member;
}
