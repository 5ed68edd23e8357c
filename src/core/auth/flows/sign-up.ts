import { DomainError } from '../../kernel/errors.ts';
import type { Executor } from '../../kernel/transactions.ts';
import {
  createWorkspace,
  type InitWorkspaceDeps,
  type InitWorkspaceInput,
} from '../../workspaces/flows/init-workspace.ts';
import { normaliseEmail } from '../../workspaces/validation.ts';
import { checkNewPassword } from '../password-policy.ts';
import type { PasswordAttempts, PasswordHasher } from '../ports.ts';
import { proveAccount } from '../prove-account.ts';
import { openSession, type SessionDeps } from './sessions.ts';
import type { SignedIn } from './sign-in.ts';

export type SignUpDeps = InitWorkspaceDeps &
  SessionDeps & { passwords: PasswordHasher; attempts?: PasswordAttempts };

export type SignUpInput = Omit<InitWorkspaceInput, 'passwordHash' | 'provenUserId'> & {
  password: string;
};

const CLOSED =
  'Sign-up is closed on this server: ask an owner of your workspace for an invitation.';

/** A sign-up checked and hashed, ready to be written inside a transaction. */
export interface PreparedSignUp {
  workspace: InitWorkspaceInput;
  open: boolean;
}

/**
 * Everything sign-up does before it writes: the server's policy, the new password's quality
 * and its hash, or — for an address that already has an account — the proof that the caller
 * owns it (its password), so that the new workspace is added to that account rather than
 * handed to whoever typed the address. argon2 is slow, so this runs outside any transaction.
 */
export async function prepareSignUp(
  deps: SignUpDeps,
  input: SignUpInput,
  policy: { open: boolean },
): Promise<PreparedSignUp> {
  if (!policy.open && (await deps.workspaces.count(deps.runner.executor)) > 0) {
    throw new DomainError('forbidden', CLOSED);
  }
  const email = normaliseEmail(input.email);
  const { password, ...details } = input;
  const proven = await proveAccount(deps, email, password, {
    how: 'sign in, or enter its password here',
  });
  if (proven) {
    return { workspace: { ...details, email, provenUserId: proven.id }, open: policy.open };
  }
  checkNewPassword(password, { email, name: input.name, workspace: input.workspace });
  const passwordHash = await deps.passwords.hash(password);
  return { workspace: { ...details, email, passwordHash }, open: policy.open };
}

/** Writes a prepared sign-up in the caller's transaction: the workspace, its owner, a session. */
export async function completeSignUp(
  deps: SignUpDeps,
  tx: Executor,
  prepared: PreparedSignUp,
): Promise<SignedIn> {
  // Checked again inside the transaction: two first sign-ups racing must not both win.
  if (!prepared.open && (await deps.workspaces.count(tx)) > 0) {
    throw new DomainError('forbidden', CLOSED);
  }
  const { owner } = await createWorkspace(deps, tx, prepared.workspace);
  const opened = await openSession(deps, tx, owner, 'session.sign-up');
  return { ...opened, member: owner };
}

/**
 * Creates a workspace, its owner with a password, and a session. A server is open for sign-up
 * only while it has no workspace (the first person in becomes its owner), unless it runs with
 * open sign-up (one server hosting many teams). An existing account signs up for another
 * workspace with its own password.
 */
export async function signUp(
  deps: SignUpDeps,
  input: SignUpInput,
  policy: { open: boolean },
): Promise<SignedIn> {
  const prepared = await prepareSignUp(deps, input, policy);
  return deps.runner.transaction((tx) => completeSignUp(deps, tx, prepared));
}
