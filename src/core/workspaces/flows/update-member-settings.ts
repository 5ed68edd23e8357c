import { assertLead, assertTimeZone, normalizeRegion, parseWeekend } from '../../calendar/index.ts';
import { recordAudit } from '../../audit/record.ts';
import type { CommitmentRepository } from '../../commitments/ports.ts';
import { retargetOpen } from '../../commitments/targets.ts';
import type { WriteDeps } from '../../kernel/deps.ts';
import { parseIsoDate, toStoredInstant } from '../../time/dates.ts';
import { DomainError, notFound } from '../../kernel/errors.ts';
import { calendarOf } from '../member-calendar.ts';
import type { MemberRepository, MemberSettingsPatch } from '../ports.ts';
import { defaultCeiling, seesWholeWorkspace, type Actor, type Member } from '../types.ts';
import { requireCount } from '../validation.ts';

export interface MemberSettingsInput {
  timeZone?: string;
  region?: string;
  weekend?: string | string[];
  daysOff?: string[];
  leadDays?: number;
  marchFloor?: number;
  marchCeiling?: number;
}

const MAX_MARCH = 200;

/**
 * Changes a member's calendar or march. Anything that moves business days (zone, region,
 * weekend, days off, lead) recomputes the targets of their open promises in the same
 * transaction, so Today never plans from a stale target.
 */
export async function updateMemberSettings(
  deps: WriteDeps & { members: MemberRepository; commitments: CommitmentRepository },
  actor: Actor,
  memberId: string,
  input: MemberSettingsInput,
  expectedVersion?: number,
): Promise<{ member: Member; retargeted: number }> {
  if (memberId !== actor.memberId && !seesWholeWorkspace(actor)) {
    throw notFound('member', memberId);
  }
  const patch: MemberSettingsPatch = {};
  if (input.timeZone !== undefined) patch.timeZone = assertTimeZone(input.timeZone);
  if (input.region !== undefined) patch.region = normalizeRegion(input.region);
  if (input.weekend !== undefined) patch.weekend = parseWeekend(input.weekend);
  if (input.leadDays !== undefined) patch.leadDays = assertLead(input.leadDays);
  if (input.marchFloor !== undefined)
    patch.marchFloor = requireCount(input.marchFloor, 'The floor', 0, MAX_MARCH);
  if (input.marchCeiling !== undefined)
    patch.marchCeiling = requireCount(input.marchCeiling, 'The ceiling', 0, MAX_MARCH);
  const daysOff = input.daysOff?.map((d) => parseIsoDate(d, 'Day off').toString());

  return deps.runner.transaction(async (tx) => {
    const current = await deps.members.findById(tx, actor.workspaceId, memberId);
    if (!current || current.removedAt) throw notFound('member', memberId);
    if (patch.marchFloor !== undefined && patch.marchCeiling === undefined) {
      patch.marchCeiling = defaultCeiling(patch.marchFloor);
    }
    const floor = patch.marchFloor ?? current.marchFloor;
    const ceiling = patch.marchCeiling ?? current.marchCeiling;
    if (ceiling < floor) {
      throw new DomainError(
        'validation',
        `The ceiling (${ceiling}) must be at least the floor (${floor}).`,
      );
    }
    const version = expectedVersion ?? current.version;
    if (!(await deps.members.update(tx, actor.workspaceId, memberId, version, patch))) {
      throw new DomainError(
        'version-conflict',
        `Member ${memberId} changed since version ${version}; reload and try again.`,
      );
    }
    if (daysOff) await deps.members.replaceDaysOff(tx, memberId, daysOff);
    const next: Member = {
      ...current,
      ...patch,
      daysOff: daysOff ?? current.daysOff,
      version: version + 1,
    };

    let retargeted = 0;
    const calendarMoved =
      patch.region !== undefined ||
      patch.weekend !== undefined ||
      patch.leadDays !== undefined ||
      daysOff !== undefined ||
      patch.timeZone !== undefined;
    if (calendarMoved) {
      const open = await deps.commitments.listAllOpenForOwner(tx, memberId);
      const updatedAt = toStoredInstant(deps.clock.now());
      for (const { commitment, target } of retargetOpen(open, next.leadDays, calendarOf(next))) {
        if (
          !(await deps.commitments.update(tx, commitment.id, commitment.version, {
            target,
            updatedAt,
          }))
        ) {
          throw new DomainError(
            'version-conflict',
            `Commitment ${commitment.id} changed meanwhile; try again.`,
          );
        }
        retargeted += 1;
      }
    }
    await recordAudit(deps, tx, {
      workspaceId: actor.workspaceId,
      actor,
      action: 'member.settings',
      entity: 'member',
      entityId: memberId,
      before: current,
      after: next,
    });
    return { member: next, retargeted };
  });
}
