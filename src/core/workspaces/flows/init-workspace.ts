import { recordAudit } from '../../audit/record.ts';
import { accountExists } from '../../auth/prove-account.ts';
import type { StageRepository } from '../../deals/ports.ts';
import { DEFAULT_STAGES } from '../../deals/types.ts';
import { DEFAULT_HABITS } from '../../playbook/default-habits.ts';
import type { HabitRepository } from '../../playbook/ports.ts';
import type { WriteDeps } from '../../kernel/deps.ts';
import { toStoredInstant } from '../../time/dates.ts';
import type { Executor } from '../../kernel/transactions.ts';
import type { MemberRepository, UserRepository, WorkspaceRepository } from '../ports.ts';
import { newMember, type Member, type Workspace } from '../types.ts';
import { assertTimeZone, normalizeRegion, parseWeekend } from '../../calendar/index.ts';
import { normaliseEmail, requireName } from '../validation.ts';

export interface InitWorkspaceInput {
  workspace: string;
  name: string;
  email: string;
  timeZone: string;
  region: string;
  weekend?: string;
  /** The new account's password hash (sign-up); none for `momentum init`. */
  passwordHash?: string | null;
  /** The account the caller proved to own (its password), when the address already has one.
   * Without it an address that has an account is refused: it may belong to someone else. */
  provenUserId?: string;
}

export interface InitWorkspaceDeps extends WriteDeps {
  workspaces: WorkspaceRepository;
  users: UserRepository;
  members: MemberRepository;
  stages: StageRepository;
  habits: HabitRepository;
}

/** Creates a workspace with its owner, the default pipeline stages and the ten-habit playbook. */
export async function initWorkspace(
  deps: InitWorkspaceDeps,
  input: InitWorkspaceInput,
): Promise<{ workspace: Workspace; owner: Member }> {
  return deps.runner.transaction((tx) => createWorkspace(deps, tx, input));
}

/** What initWorkspace does, inside a transaction the caller holds (sign-up adds a session to
 * the same transaction). */
export async function createWorkspace(
  deps: InitWorkspaceDeps,
  tx: Executor,
  input: InitWorkspaceInput,
): Promise<{ workspace: Workspace; owner: Member }> {
  const workspaceName = requireName(input.workspace, 'Workspace name');
  const name = requireName(input.name, 'Name');
  const email = normaliseEmail(input.email);
  const timeZone = assertTimeZone(input.timeZone);
  const region = normalizeRegion(input.region);
  const weekend = parseWeekend(input.weekend ?? 'sat,sun');
  const now = toStoredInstant(deps.clock.now());

  {
    let user = await deps.users.findByEmail(tx, email);
    if (user && user.id !== input.provenUserId) throw accountExists(email);
    if (!user) {
      user = { id: deps.ids('user'), email, name, createdAt: now, version: 1 };
      await deps.users.insert(tx, user, input.passwordHash ?? null);
    }
    const workspace: Workspace = {
      id: deps.ids('workspace'),
      name: workspaceName,
      createdAt: now,
      version: 1,
    };
    await deps.workspaces.insert(tx, workspace);
    const owner = newMember({
      id: deps.ids('member'),
      workspaceId: workspace.id,
      userId: user.id,
      email,
      name: user.name,
      role: 'owner',
      timeZone,
      region,
      weekend,
      createdAt: now,
    });
    await deps.members.insert(tx, owner);
    let position = 0;
    for (const stage of DEFAULT_STAGES) {
      await deps.stages.insert(tx, {
        id: deps.ids('stage'),
        workspaceId: workspace.id,
        name: stage.name,
        position: position++,
        neglectDays: stage.neglectDays,
        version: 1,
      });
    }
    position = 1;
    for (const habit of DEFAULT_HABITS) {
      await deps.habits.insert(tx, {
        id: deps.ids('habit'),
        workspaceId: workspace.id,
        position: position++,
        version: 1,
        ...habit,
      });
    }
    await recordAudit(deps, tx, {
      workspaceId: workspace.id,
      actorId: owner.id,
      action: 'workspace.create',
      entity: 'workspace',
      entityId: workspace.id,
      after: { workspace, owner: { id: owner.id, email, role: owner.role } },
    });
    return { workspace, owner };
  }
}
