import { forbidden } from '../kernel/errors.ts';
import type { Actor, Role } from './types.ts';

/** Owners and managers run the team: they invite, remove and read the audit log. */
export function requireTeamLead(actor: Actor, doing: string): void {
  if (actor.role !== 'owner' && actor.role !== 'manager') {
    throw forbidden(`Only owners and managers may ${doing}.`);
  }
}

/** An owner may hand out any role; a manager may bring in reps and managers, never owners. */
export function mayGrantRole(actor: Actor, role: Role): boolean {
  if (actor.role === 'owner') return true;
  return actor.role === 'manager' && role !== 'owner';
}

/** Managers may remove reps only; owners may remove anyone but themselves. */
export function mayRemove(actor: Actor, targetRole: Role): boolean {
  if (actor.role === 'owner') return true;
  return actor.role === 'manager' && targetRole === 'rep';
}
