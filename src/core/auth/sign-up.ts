import { DomainError, conflict } from '../shared/errors.ts';
import {
  createWorkspace,
  type InitWorkspaceDeps,
  type InitWorkspaceInput,
} from '../workspaces/init-workspace.ts';
import { normaliseEmail } from '../workspaces/validation.ts';
import { checkNewPassword } from './password-policy.ts';
import type { PasswordHasher } from './ports.ts';
import { openSession, type SessionDeps } from './sessions.ts';
import type { SignedIn } from './sign-in.ts';

export type SignUpDeps = InitWorkspaceDeps & SessionDeps & { passwords: PasswordHasher };

export type SignUpInput = Omit<InitWorkspaceInput, 'passwordHash'> & { password: string };

const CLOSED =
  'Sign-up is closed on this server: ask an owner of your workspace for an invitation.';

/**
 * Creates a workspace, its owner with a password, and a session. A server is open for sign-up
 * only while it has no workspace (the first person in becomes its owner), unless it runs with
 * open sign-up (one server hosting many teams).
 */
export async function signUp(
  deps: SignUpDeps,
  input: SignUpInput,
  policy: { open: boolean },
): Promise<SignedIn> {
  const ex = deps.runner.executor;
  if (!policy.open && (await deps.workspaces.count(ex)) > 0) {
    throw new DomainError('forbidden', CLOSED);
  }
  const email = normaliseEmail(input.email);
  checkNewPassword(input.password, { email, name: input.name, workspace: input.workspace });
  if (await deps.users.findByEmail(ex, email)) {
    throw conflict(`${email} already has an account; sign in instead.`);
  }
  const passwordHash = await deps.passwords.hash(input.password);
  return deps.runner.transaction(async (tx) => {
    // Checked again inside the transaction: two first sign-ups racing must not both win.
    if (!policy.open && (await deps.workspaces.count(tx)) > 0) {
      throw new DomainError('forbidden', CLOSED);
    }
    const { password: _password, ...details } = input;
    const { owner } = await createWorkspace(deps, tx, { ...details, passwordHash });
    const opened = await openSession(deps, tx, owner, 'session.sign-up');
    return { ...opened, member: owner };
  });
}
