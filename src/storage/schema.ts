import type { ColumnType, Generated } from 'kysely';

/** Row shapes as both dialects store them (see migrations/001_initial.ts for conventions). */
type Version = Generated<number>;
type Json = string;

export interface WorkspacesTable {
  id: string;
  name: string;
  created_at: string;
  version: Version;
}
export interface UsersTable {
  id: string;
  email: string;
  name: string;
  password_hash: string | null;
  created_at: string;
  version: Version;
}
export interface MembersTable {
  id: string;
  workspace_id: string;
  user_id: string;
  role: string;
  time_zone: string;
  region: string;
  weekend: Generated<string>;
  lead_days: Generated<number>;
  march_floor: number;
  march_ceiling: number;
  created_at: string;
  removed_at: string | null;
  version: Version;
}
export interface MemberDaysOffTable {
  member_id: string;
  day: string;
}
export interface SessionsTable {
  id: string;
  user_id: string;
  token_hash: string;
  csrf_token: string;
  created_at: string;
  expires_at: string;
  last_seen_at: string;
  revoked_at: string | null;
}
export interface ApiTokensTable {
  id: string;
  workspace_id: string;
  member_id: string;
  name: string;
  token_hash: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
  /** Space-separated TokenScope values (migration 005). */
  scopes: Generated<string>;
}
export interface PasswordResetsTable {
  id: string;
  user_id: string;
  token_hash: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}
export interface InvitationsTable {
  id: string;
  workspace_id: string;
  email: string;
  role: string;
  token_hash: string;
  invited_by: string;
  created_at: string;
  expires_at: string;
  accepted_at: string | null;
  revoked_at: string | null;
}
export interface StagesTable {
  id: string;
  workspace_id: string;
  name: string;
  name_key: string;
  position: number;
  neglect_days: number;
  version: Version;
}
export interface HabitsTable {
  id: string;
  workspace_id: string;
  position: number;
  key: string;
  name: string;
  description: string;
  removed_at: string | null;
  version: Version;
}
export interface AccountsTable {
  id: string;
  workspace_id: string;
  name: string;
  name_key: string;
  domain: string | null;
  external_ref: string | null;
  created_at: string;
  version: Version;
}
export interface ContactsTable {
  id: string;
  workspace_id: string;
  account_id: string;
  name: string;
  email: string | null;
  title: string | null;
  external_ref: string | null;
  created_at: string;
  version: Version;
}
export interface DealsTable {
  id: string;
  workspace_id: string;
  account_id: string;
  owner_id: string;
  title: string;
  stage_id: string;
  amount_minor: ColumnType<number | null, number | null | undefined, number | null>;
  currency: string;
  expected_close: string | null;
  status: string;
  re_engage_on: string | null;
  close_reason: string | null;
  closed_at: string | null;
  stage_changed_at: string;
  last_touch_at: string | null;
  external_ref: string | null;
  created_at: string;
  updated_at: string;
  version: Version;
}
export interface DealSharesTable {
  deal_id: string;
  member_id: string;
}
export interface CallsTable {
  id: string;
  workspace_id: string;
  deal_id: string;
  logged_by: string;
  started_at: string;
  time_zone: string;
  notes: Generated<string>;
  outcome: string | null;
  reason: string | null;
  lesson: string | null;
  lesson_habits: Generated<Json>;
  created_at: string;
  version: Version;
}
export interface CallAttendeesTable {
  call_id: string;
  position: number;
  name: string;
  side: string;
  member_id: string | null;
  contact_id: string | null;
}
export interface CallHabitsTable {
  call_id: string;
  habit_id: string;
  state: string;
}
export interface PlanRevisionsTable {
  id: string;
  workspace_id: string;
  deal_id: string;
  number: number;
  document: Json;
  author_id: string;
  call_id: string | null;
  summary: string | null;
  created_at: string;
}
export interface CommitmentsTable {
  id: string;
  workspace_id: string;
  deal_id: string;
  owner_id: string;
  side: string;
  text: string;
  due_date: string | null;
  due_time: string | null;
  made_on: string;
  lead_days: number | null;
  target_date: string | null;
  state: string;
  done_at: string | null;
  classification: string | null;
  dropped_reason: string | null;
  snoozed_until: string | null;
  snooze_reason: string | null;
  last_chased_at: string | null;
  source_sentence: string | null;
  due_agreed_on: string | null;
  call_id: string | null;
  created_at: string;
  updated_at: string;
  version: Version;
  external_ref: ColumnType<string | null, string | null | undefined, string | null>;
}
export interface TouchesTable {
  id: string;
  workspace_id: string;
  deal_id: string;
  member_id: string;
  kind: string;
  at: string;
  text: string | null;
  commitment_id: string | null;
  call_id: string | null;
  created_at: string;
  external_ref: ColumnType<string | null, string | null | undefined, string | null>;
}
export interface NextStepsTable {
  id: string;
  workspace_id: string;
  deal_id: string;
  text: string;
  due_date: string;
  due_time: string | null;
  state: string;
  dropped_reason: string | null;
  call_id: string | null;
  created_by: string;
  created_at: string;
  version: Version;
  external_ref: ColumnType<string | null, string | null | undefined, string | null>;
}
export interface MomentumSnapshotsTable {
  deal_id: string;
  day: string;
  score: number;
  factors: Json;
}
export interface QuotasTable {
  id: string;
  workspace_id: string;
  member_id: string;
  period_start: string;
  period_end: string;
  amount_minor: number;
  currency: string;
  version: Version;
}
export interface DealOutcomesTable {
  id: string;
  workspace_id: string;
  deal_id: string;
  outcome: string;
  reason: string | null;
  lesson: string | null;
  lesson_habits: Generated<Json>;
  re_engage_on: string | null;
  decided_by: string;
  decided_at: string;
}
export interface CommitmentRenegotiationsTable {
  id: string;
  workspace_id: string;
  commitment_id: string;
  previous_due: string;
  previous_due_time: string | null;
  due: string | null;
  due_time: string | null;
  reason: string | null;
  renegotiated_by: string;
  renegotiated_at: string;
}
export interface AuditLogTable {
  id: string;
  workspace_id: string;
  actor_id: string | null;
  /** The session or API token that made the change (migration 005). */
  credential_id: string | null;
  action: string;
  entity: string;
  entity_id: string;
  before: Json | null;
  after: Json | null;
  at: string;
}

export interface DigestPreferencesTable {
  id: string;
  workspace_id: string;
  member_id: string;
  enabled: number;
  send_at: string;
  unsubscribe_key: string;
  updated_at: string;
  version: Version;
}
export interface DigestSendsTable {
  id: string;
  workspace_id: string;
  member_id: string;
  local_date: string;
  status: string;
  claimed_at: string;
  sent_at: string | null;
  attempts: Generated<number>;
  error: string | null;
}
export interface Database {
  workspaces: WorkspacesTable;
  users: UsersTable;
  members: MembersTable;
  member_days_off: MemberDaysOffTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  invitations: InvitationsTable;
  password_resets: PasswordResetsTable;
  stages: StagesTable;
  habits: HabitsTable;
  accounts: AccountsTable;
  contacts: ContactsTable;
  deals: DealsTable;
  deal_shares: DealSharesTable;
  calls: CallsTable;
  call_attendees: CallAttendeesTable;
  call_habits: CallHabitsTable;
  plan_revisions: PlanRevisionsTable;
  commitments: CommitmentsTable;
  touches: TouchesTable;
  next_steps: NextStepsTable;
  momentum_snapshots: MomentumSnapshotsTable;
  quotas: QuotasTable;
  audit_log: AuditLogTable;
  deal_outcomes: DealOutcomesTable;
  commitment_renegotiations: CommitmentRenegotiationsTable;
  digest_preferences: DigestPreferencesTable;
  digest_sends: DigestSendsTable;
}
