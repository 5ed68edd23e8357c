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
  phone: ColumnType<string | null, string | null | undefined, string | null>;
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
/** E-mail in (migration 013). */
export interface MailMessagesTable {
  id: string;
  workspace_id: string;
  message_key: string;
  source: string;
  direction: string | null;
  member_id: string | null;
  from_address: string | null;
  recipients: Json;
  subject: string;
  sent_at: string;
  body_text: string;
  attachments: Json;
  size_bytes: number;
  status: string;
  reason: string | null;
  deal_id: string | null;
  candidate_deal_ids: Json;
  touch_id: string | null;
  proposed_promises: Json;
  received_at: string;
}
export interface MailMatchesTable {
  id: string;
  workspace_id: string;
  mail_message_id: string;
  commitment_id: string;
  band: string;
  score: number;
  matched: Json;
  reasons: Json;
  state: string;
  created_at: string;
  decided_at: string | null;
}

export interface CalendarFeedsTable {
  id: string;
  workspace_id: string;
  member_id: string;
  token_hash: string;
  created_at: string;
  revoked_at: string | null;
}
export interface BookedCallsTable {
  id: string;
  workspace_id: string;
  deal_id: string;
  member_id: string;
  title: string;
  starts_at: string;
  ends_at: string;
  location: string | null;
  /** The imported event's UID. */
  source_uid: string;
  /** The occurrence's original start (RECURRENCE-ID, or the start of a single event). */
  occurrence: string;
  /** booked | cancelled */
  state: string;
  sequence: Generated<number>;
  created_at: string;
  updated_at: string;
}
export interface JobsTable {
  id: string;
  type: string;
  payload: Json;
  job_key: string | null;
  run_at: string;
  attempts: Generated<number>;
  max_attempts: number;
  locked_at: string | null;
  locked_by: string | null;
  last_error: string | null;
  failed_at: string | null;
  created_at: string;
}
export interface WebhooksTable {
  id: string;
  workspace_id: string;
  url: string;
  events: Json;
  secret: string;
  allow_private: number;
  created_by: string;
  created_at: string;
  consecutive_failures: Generated<number>;
  disabled_at: string | null;
  disabled_reason: string | null;
}
export interface WebhookEventsTable {
  id: string;
  workspace_id: string;
  type: string;
  event_key: string;
  data: Json;
  occurred_at: string;
}
export interface WebhookDeliveriesTable {
  id: string;
  workspace_id: string;
  webhook_id: string;
  event_id: string;
  status: string;
  attempts: Generated<number>;
  response_code: number | null;
  duration_ms: number | null;
  last_error: string | null;
  next_attempt_at: string | null;
  created_at: string;
  updated_at: string;
}
export interface WebhookAttemptsTable {
  delivery_id: string;
  attempt: number;
  workspace_id: string;
  started_at: string;
  response_code: number | null;
  duration_ms: number | null;
  error: string | null;
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
  audit_log: AuditLogTable;
  deal_outcomes: DealOutcomesTable;
  commitment_renegotiations: CommitmentRenegotiationsTable;
  calendar_feeds: CalendarFeedsTable;
  booked_calls: BookedCallsTable;
  jobs: JobsTable;
  webhooks: WebhooksTable;
  webhook_events: WebhookEventsTable;
  webhook_deliveries: WebhookDeliveriesTable;
  webhook_attempts: WebhookAttemptsTable;
  digest_preferences: DigestPreferencesTable;
  digest_sends: DigestSendsTable;
  mail_messages: MailMessagesTable;
  mail_matches: MailMatchesTable;
}
