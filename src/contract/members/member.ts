import { Type, type Static } from 'typebox';
import type { Invitation } from '../../core/auth/ports.ts';
import type { WhoAmI } from '../../core/workspaces/flows/members.ts';
import type { Member, Workspace } from '../../core/workspaces/types.ts';

const RoleSchema = Type.Union([
  Type.Literal('owner'),
  Type.Literal('manager'),
  Type.Literal('rep'),
]);

/** Exactly the fields of a member that leave the API: no user id, no password, no settings
 * beyond what teammates need to see. */
const memberFields = {
  id: Type.String(),
  name: Type.String(),
  email: Type.String(),
  role: RoleSchema,
  timeZone: Type.String(),
  region: Type.String(),
  createdAt: Type.String(),
  version: Type.Integer(),
};
export const MemberView = Type.Object(memberFields, { $id: 'Member' });

export function presentMember(m: Member): Static<typeof MemberView> {
  return {
    id: m.id,
    name: m.name,
    email: m.email,
    role: m.role,
    timeZone: m.timeZone,
    region: m.region,
    createdAt: m.createdAt,
    version: m.version,
  };
}

// Nested views carry no $id: one response may hold several, and ids must be unique in it.
const WorkspaceView = Type.Object({ id: Type.String(), name: Type.String() });

export const presentWorkspace = (w: Workspace): Static<typeof WorkspaceView> => ({
  id: w.id,
  name: w.name,
});

/** What a browser learns on signing in: who it is, where, and the token its writes must echo
 * in X-CSRF-Token. The session itself stays in the HttpOnly cookie. */
export const SessionView = Type.Object(
  {
    member: Type.Object(memberFields),
    workspace: WorkspaceView,
    csrfToken: Type.String(),
  },
  { $id: 'SignedIn' },
);

export const MeView = Type.Object(
  {
    member: Type.Object(memberFields),
    workspace: WorkspaceView,
    memberships: Type.Array(Type.Object({ workspace: WorkspaceView, role: RoleSchema })),
    credential: Type.Union([Type.Literal('session'), Type.Literal('token')]),
    csrfToken: Type.Union([Type.String(), Type.Null()]),
  },
  { $id: 'Me' },
);

export function presentMe(
  me: WhoAmI,
  credential: 'session' | 'token',
  csrfToken: string | null,
): Static<typeof MeView> {
  return {
    member: presentMember(me.member),
    workspace: presentWorkspace(me.workspace),
    memberships: me.memberships.map((m) => ({
      workspace: presentWorkspace(m.workspace),
      role: m.role,
    })),
    credential,
    csrfToken,
  };
}

export const InvitationView = Type.Object(
  {
    id: Type.String(),
    email: Type.String(),
    role: RoleSchema,
    invitedBy: Type.String(),
    createdAt: Type.String(),
    expiresAt: Type.String(),
  },
  { $id: 'Invitation' },
);

export function presentInvitation(i: Invitation): Static<typeof InvitationView> {
  return {
    id: i.id,
    email: i.email,
    role: i.role,
    invitedBy: i.invitedBy,
    createdAt: i.createdAt,
    expiresAt: i.expiresAt,
  };
}
