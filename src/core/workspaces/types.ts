import type { IsoDate } from '../time/dates.ts';

export type Role = 'owner' | 'manager' | 'rep';
export const ROLES: readonly Role[] = ['owner', 'manager', 'rep'];

import type { Weekday } from '../time/weekdays.ts';

export interface Workspace {
  id: string;
  name: string;
  createdAt: string;
  version: number;
}

export interface User {
  id: string;
  email: string;
  name: string;
  createdAt: string;
  version: number;
}

/** A person's membership of one workspace, with the calendar and march they work to. */
export interface Member {
  id: string;
  workspaceId: string;
  userId: string;
  email: string;
  name: string;
  role: Role;
  timeZone: string;
  region: string;
  weekend: Weekday[];
  daysOff: IsoDate[];
  leadDays: number;
  marchFloor: number;
  marchCeiling: number;
  createdAt: string;
  removedAt: string | null;
  version: number;
}

/** What an API token may do: `read` (safe requests), `write` (changes), `tokens` (create and
 * revoke API tokens). Sessions and the CLI are not limited by scopes, only by role. */
export type TokenScope = 'read' | 'write' | 'tokens';
export const TOKEN_SCOPES: readonly TokenScope[] = ['read', 'write', 'tokens'];

/** Who is acting: every use case takes one and enforces what it may see and change. */
export interface Actor {
  memberId: string;
  workspaceId: string;
  role: Role;
  /** The credential acting: a session id (se_…) or an API token id (tk_…); none for the CLI
   * on the server's machine. The audit log records it. */
  credentialId?: string;
  /** When an API token acts: what it was made for. */
  scopes?: readonly TokenScope[];
}

export const DEFAULT_MARCH_FLOOR = 8;

/** The ceiling defaults to the floor plus 25%, rounded up. */
export function defaultCeiling(floor: number): number {
  return Math.ceil(floor * 1.25);
}

export function seesWholeWorkspace(actor: Actor): boolean {
  return actor.role === 'owner' || actor.role === 'manager';
}

/** A new membership with the product's defaults: lead 1, the default march, no days off. */
export function newMember(fields: {
  id: string;
  workspaceId: string;
  userId: string;
  email: string;
  name: string;
  role: Role;
  timeZone: string;
  region: string;
  weekend: Weekday[];
  createdAt: string;
}): Member {
  return {
    ...fields,
    daysOff: [],
    leadDays: 1,
    marchFloor: DEFAULT_MARCH_FLOOR,
    marchCeiling: defaultCeiling(DEFAULT_MARCH_FLOOR),
    removedAt: null,
    version: 1,
  };
}
