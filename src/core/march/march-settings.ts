import type { ReadDeps } from '../kernel/deps.ts';
import type { MemberRepository } from '../workspaces/ports.ts';
import type { Actor, Member } from '../workspaces/types.ts';
import { viewedMember } from './viewed-member.ts';

/** The member whose march settings are asked for (the actor by default), with its version.
 * Changing them goes through updateMemberSettings, which also moves early targets. */
export function getMarchSettings(
  deps: ReadDeps & { members: Pick<MemberRepository, 'findById'> },
  actor: Actor,
  memberId?: string,
): Promise<Member> {
  return viewedMember(deps, deps.runner.executor, actor, memberId);
}
