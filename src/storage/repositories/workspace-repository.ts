import type { Selectable } from 'kysely';
import type { Executor } from '../../core/kernel/transactions.ts';
import type {
  MemberRepository,
  MemberSettingsPatch,
  UserRepository,
  WorkspaceRepository,
} from '../../core/workspaces/ports.ts';
import type { Weekday } from '../../core/time/weekdays.ts';
import type { Member, Role, User } from '../../core/workspaces/types.ts';
import { kyselyOf } from '../executor.ts';
import type { MembersTable, UsersTable } from '../schema.ts';

export const workspaceRepository: WorkspaceRepository = {
  async insert(ex, w) {
    await kyselyOf(ex)
      .insertInto('workspaces')
      .values({ id: w.id, name: w.name, created_at: w.createdAt, version: w.version })
      .execute();
  },
  async findById(ex, id) {
    const row = await kyselyOf(ex)
      .selectFrom('workspaces')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row
      ? { id: row.id, name: row.name, createdAt: row.created_at, version: row.version }
      : null;
  },
  async count(ex) {
    const row = await kyselyOf(ex)
      .selectFrom('workspaces')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  },
  async lockMemberships(ex, id) {
    // An update that changes nothing still takes the row's write lock on PostgreSQL (held to
    // the end of the transaction) and is a write under SQLite's single-writer lock: either way,
    // transactions changing the same workspace's memberships run one after another.
    await kyselyOf(ex)
      .updateTable('workspaces')
      .set((eb) => ({ version: eb.ref('version') }))
      .where('id', '=', id)
      .execute();
  },
  async list(ex) {
    const rows = await kyselyOf(ex)
      .selectFrom('workspaces')
      .selectAll()
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map((row) => ({
      id: row.id,
      name: row.name,
      createdAt: row.created_at,
      version: row.version,
    }));
  },
  async findSole(ex) {
    const rows = await kyselyOf(ex).selectFrom('workspaces').selectAll().limit(2).execute();
    const row = rows.length === 1 ? rows[0] : undefined;
    return row
      ? { id: row.id, name: row.name, createdAt: row.created_at, version: row.version }
      : null;
  },
};

function toUser(row: Selectable<UsersTable>): User {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    createdAt: row.created_at,
    version: row.version,
  };
}

export const userRepository: UserRepository = {
  async insert(ex, u, passwordHash) {
    await kyselyOf(ex)
      .insertInto('users')
      .values({
        id: u.id,
        email: u.email,
        name: u.name,
        password_hash: passwordHash,
        created_at: u.createdAt,
        version: u.version,
      })
      .execute();
  },
  async findByEmail(ex, email) {
    const row = await kyselyOf(ex)
      .selectFrom('users')
      .selectAll()
      .where('email', '=', email.toLowerCase())
      .executeTakeFirst();
    return row ? toUser(row) : null;
  },
  async findById(ex, id) {
    const row = await kyselyOf(ex)
      .selectFrom('users')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? toUser(row) : null;
  },
  async findPasswordHash(ex, userId) {
    const row = await kyselyOf(ex)
      .selectFrom('users')
      .select('password_hash')
      .where('id', '=', userId)
      .executeTakeFirst();
    return row?.password_hash ?? null;
  },
  async setPasswordHash(ex, userId, passwordHash) {
    await kyselyOf(ex)
      .updateTable('users')
      .set((eb) => ({ password_hash: passwordHash, version: eb('version', '+', 1) }))
      .where('id', '=', userId)
      .execute();
  },
};

type MemberRow = Selectable<MembersTable> & { email: string; name: string };

export function memberQuery(ex: Executor) {
  return kyselyOf(ex)
    .selectFrom('members')
    .innerJoin('users', 'users.id', 'members.user_id')
    .selectAll('members')
    .select(['users.email', 'users.name']);
}

export async function toMembers(ex: Executor, rows: MemberRow[]): Promise<Member[]> {
  if (rows.length === 0) return [];
  const days = await kyselyOf(ex)
    .selectFrom('member_days_off')
    .select(['member_id', 'day'])
    .where(
      'member_id',
      'in',
      rows.map((r) => r.id),
    )
    .orderBy('day')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    workspaceId: r.workspace_id,
    userId: r.user_id,
    email: r.email,
    name: r.name,
    role: r.role as Role,
    timeZone: r.time_zone,
    region: r.region,
    weekend: r.weekend ? (r.weekend.split(',') as Weekday[]) : [],
    daysOff: days.filter((d) => d.member_id === r.id).map((d) => d.day),
    leadDays: r.lead_days,
    marchFloor: r.march_floor,
    marchCeiling: r.march_ceiling,
    createdAt: r.created_at,
    removedAt: r.removed_at,
    version: r.version,
  }));
}

export const memberRepository: MemberRepository = {
  async insert(ex, m) {
    await kyselyOf(ex)
      .insertInto('members')
      .values({
        id: m.id,
        workspace_id: m.workspaceId,
        user_id: m.userId,
        role: m.role,
        time_zone: m.timeZone,
        region: m.region,
        weekend: m.weekend.join(','),
        lead_days: m.leadDays,
        march_floor: m.marchFloor,
        march_ceiling: m.marchCeiling,
        created_at: m.createdAt,
        removed_at: m.removedAt,
        version: m.version,
      })
      .execute();
    if (m.daysOff.length) await memberRepository.replaceDaysOff(ex, m.id, m.daysOff);
  },
  async findById(ex, workspaceId, id) {
    const rows = await memberQuery(ex)
      .where('members.workspace_id', '=', workspaceId)
      .where('members.id', '=', id)
      .execute();
    return (await toMembers(ex, rows))[0] ?? null;
  },
  async findByEmail(ex, workspaceId, email) {
    const rows = await memberQuery(ex)
      .where('members.workspace_id', '=', workspaceId)
      .where('users.email', '=', email.toLowerCase())
      .execute();
    return (await toMembers(ex, rows))[0] ?? null;
  },
  async listByWorkspace(ex, workspaceId) {
    const rows = await memberQuery(ex)
      .where('members.workspace_id', '=', workspaceId)
      .where('members.removed_at', 'is', null)
      .orderBy('members.created_at')
      .orderBy('members.id')
      .execute();
    return toMembers(ex, rows);
  },
  async update(ex, workspaceId, id, expectedVersion, patch: MemberSettingsPatch) {
    const result = await kyselyOf(ex)
      .updateTable('members')
      .set((eb) => ({
        ...(patch.role !== undefined && { role: patch.role }),
        ...(patch.timeZone !== undefined && { time_zone: patch.timeZone }),
        ...(patch.region !== undefined && { region: patch.region }),
        ...(patch.weekend !== undefined && { weekend: patch.weekend.join(',') }),
        ...(patch.leadDays !== undefined && { lead_days: patch.leadDays }),
        ...(patch.marchFloor !== undefined && { march_floor: patch.marchFloor }),
        ...(patch.marchCeiling !== undefined && { march_ceiling: patch.marchCeiling }),
        version: eb('version', '+', 1),
      }))
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', id)
      .where('version', '=', expectedVersion)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  },
  async listActiveByUser(ex, userId) {
    const rows = await memberQuery(ex)
      .where('members.user_id', '=', userId)
      .where('members.removed_at', 'is', null)
      .orderBy('members.created_at')
      .orderBy('members.id')
      .execute();
    return toMembers(ex, rows);
  },
  async markRemoved(ex, workspaceId, id, at) {
    const result = await kyselyOf(ex)
      .updateTable('members')
      .set((eb) => ({ removed_at: at, version: eb('version', '+', 1) }))
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', id)
      .where('removed_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  },
  async restore(ex, workspaceId, id, role) {
    await kyselyOf(ex)
      .updateTable('members')
      .set((eb) => ({ removed_at: null, role, version: eb('version', '+', 1) }))
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', id)
      .execute();
  },
  async replaceDaysOff(ex, memberId, days) {
    const db = kyselyOf(ex);
    await db.deleteFrom('member_days_off').where('member_id', '=', memberId).execute();
    const unique = [...new Set(days)];
    if (unique.length) {
      await db
        .insertInto('member_days_off')
        .values(unique.map((day) => ({ member_id: memberId, day })))
        .execute();
    }
  },
};
