/*
 * The shapes the API sends, as the web app reads them. They mirror the presenters in
 * src/http/presenters; the app never sees more than the API chooses to send.
 */
export type Role = 'owner' | 'manager' | 'rep';
export type Side = 'ours' | 'theirs';
export type DealStatus = 'open' | 'won' | 'lost' | 'paused';
export type CommitmentState = 'open' | 'done' | 'dropped';
export type Classification = 'early' | 'on-time' | 'late';
export type Outcome = 'advanced' | 'no-change' | 'setback';
export type PoorReason = 'not-interested' | 'not-now' | 'no-fit' | 'other';
export type HabitState = 'no' | 'partly' | 'done';

export interface Member {
  id: string;
  name: string;
  email: string;
  role: Role;
  timeZone: string;
  region: string;
  createdAt: string;
  version: number;
}

export interface WorkspaceRef {
  id: string;
  name: string;
}

export interface SignedIn {
  member: Member;
  workspace: WorkspaceRef;
  csrfToken: string;
}

export interface Me {
  member: Member;
  workspace: WorkspaceRef;
  memberships: { workspace: WorkspaceRef; role: Role }[];
  credential: 'session' | 'token';
  csrfToken: string | null;
}

export interface Account {
  id: string;
  name: string;
  domain: string | null;
  createdAt: string;
  version: number;
}

/** An account in the list, with the figures of the deals the reader can see. Older servers
 * send only the account, hence optional. */
export interface AccountListItem extends Account {
  contactCount?: number;
  dealCount?: number;
  openDealCount?: number;
  openValue?: { currency: string; amount: number }[];
  lastTouchAt?: string | null;
}

export interface Contact {
  id: string;
  accountId: string;
  name: string;
  email: string | null;
  phone?: string | null;
  title: string | null;
  createdAt: string;
  version: number;
}

export interface AccountEvent {
  kind: 'call' | 'touch' | 'deal-opened' | 'contact-added';
  at: string;
  dealId: string | null;
  contactId: string | null;
  callId: string | null;
  touchId: string | null;
  touchKind: string | null;
  outcome: string | null;
  text: string | null;
}

export type SearchKind = 'deal' | 'account' | 'contact';

export interface SearchResult {
  kind: SearchKind;
  id: string;
  title: string;
  detail: string | null;
  accountId: string | null;
  accountName: string | null;
  score: number;
}

export interface Stage {
  id: string;
  name: string;
  position: number;
  neglectDays: number;
  version: number;
}

export interface Deal {
  id: string;
  accountId: string;
  ownerId: string;
  title: string;
  stageId: string;
  amount: number | null;
  currency: string;
  expectedClose: string | null;
  status: DealStatus;
  reEngageOn: string | null;
  closeReason: string | null;
  lastTouchAt: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
  /** Present where the API adds the deal's health (list and detail). */
  momentum?: number | null;
  neglected?: boolean;
  neglect?: NeglectFlag[] | null;
  accountName?: string;
  stageName?: string;
  ownerName?: string;
}

export interface NeglectFlag {
  kind: string;
  reason: string;
}

export interface Commitment {
  id: string;
  dealId: string;
  ownerId: string;
  side: Side;
  text: string;
  due: string | null;
  dueTime: string | null;
  madeOn: string;
  lead: number | null;
  target: string | null;
  state: CommitmentState;
  doneAt: string | null;
  classification: Classification | null;
  droppedReason: string | null;
  snoozedUntil: string | null;
  snoozeReason: string | null;
  sentence: string | null;
  callId: string | null;
  createdAt: string;
  version: number;
  /** Each time its due date was renegotiated, oldest first (on reads and edits). */
  renegotiations?: Renegotiation[];
}

export interface Renegotiation {
  previousDue: string;
  previousDueTime: string | null;
  due: string | null;
  dueTime: string | null;
  reason: string | null;
  by: string;
  at: string;
}

/** One time a deal was won, lost or paused. */
export interface DealOutcome {
  id: string;
  outcome: 'won' | 'lost' | 'paused';
  reason: PoorReason | null;
  lesson: string | null;
  lessonHabits: string[];
  reEngageOn: string | null;
  decidedBy: string;
  decidedAt: string;
}

export type AgendaKind = 'deliver' | 'chase' | 'meet' | 'revive' | 'prospect';
/** `renegotiate`: a promise due or late gets a new date agreed (it cannot be snoozed);
 * `date`: a promise with no date gets its first. */
export type AgendaAction = 'done' | 'snooze' | 'touch' | 'renegotiate' | 'date';

export interface AgendaItem {
  kind: AgendaKind;
  dealId: string | null;
  accountId?: string | null;
  commitmentId?: string | null;
  nextStepId?: string | null;
  callId?: string | null;
  title: string;
  dealTitle?: string | null;
  reason: string;
  due?: string | null;
  target?: string | null;
  time?: string | null;
  fixed?: boolean;
  optional: boolean;
  momentum?: number | null;
  actions?: AgendaAction[];
}

export interface LaterItem extends AgendaItem {
  planned: string;
}

export interface TodayAgenda {
  date: string;
  member: { id: string; name: string; email?: string; timeZone?: string };
  businessDay?: boolean;
  dayOff?: string | null;
  march: { floor: number; ceiling: number; done: number };
  items: AgendaItem[];
  later: LaterItem[];
  unplanned?: number;
  /** When both are 0 nothing is open at all. */
  open?: { deals: number; promises: number };
}

export type TouchKind = 'email' | 'call' | 'meeting' | 'message' | 'other' | 'delivery' | 'plan';

export interface Touch {
  id: string;
  dealId: string;
  memberId: string;
  kind: TouchKind;
  at: string;
  text: string | null;
  commitmentId: string | null;
  callId: string | null;
}

export interface Habit {
  id: string;
  key: string;
  name: string;
  description: string;
  position: number;
  version?: number;
}

export interface ApiToken {
  id: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt?: string | null;
}

export interface Invitation {
  id: string;
  email: string;
  role: Role;
  invitedBy: string;
  createdAt: string;
  expiresAt: string;
}

export interface NextStep {
  id: string;
  dealId: string;
  text: string;
  due: string;
  time: string | null;
  state: 'open' | 'done' | 'replaced' | 'dropped';
  callId: string | null;
  createdAt: string;
  version: number;
}

export type NeglectReason = 'no-touch' | 'no-next-step' | 'overdue-ours' | 'unchased-theirs';

export interface MomentumFactor {
  name: string;
  value: number | null;
  effect: number;
  detail: string;
}

export interface DealHealth {
  dealId: string;
  date: string;
  neglect: { neglected: boolean; reasons: NeglectReason[]; details: string[] };
  momentum: {
    score: number | null;
    factors: MomentumFactor[];
    trend: { date: string; score: number }[];
  };
}

export interface March {
  date: string;
  memberId: string;
  floor: number;
  ceiling: number;
  done: number;
  streak: number;
  consistency: number;
  days: { date: string; touches: number; band: 'stall' | 'on' | 'rush' | 'open' }[];
}

export interface MarchSettings {
  memberId: string;
  floor: number;
  ceiling: number;
  lead: number;
  timeZone: string;
  region: string;
  weekend: string[];
  daysOff: string[];
  version: number;
}

export type MilestoneState = 'open' | 'done' | 'dropped';

export interface Milestone {
  id: string;
  title: string;
  side: Side;
  date: string | null;
  state: MilestoneState;
}

export interface PlanPerson {
  name: string;
  role: string;
  side: Side;
}

export interface PlanDocument {
  objective: string;
  decisionProcess: string;
  people: PlanPerson[];
  milestones: Milestone[];
  risks: string[];
}

export interface PlanRevisionSummary {
  dealId: string;
  number: number;
  authorId: string;
  callId: string | null;
  summary: string | null;
  createdAt: string;
}

export interface PlanRevision extends PlanRevisionSummary {
  document: PlanDocument;
}

export interface PlanComparison {
  from: number | null;
  to: number;
  diff: PlanDiff;
}

export type MilestoneChangeKind =
  | 'added'
  | 'removed'
  | 'completed'
  | 'dropped'
  | 'reopened'
  | 'advanced'
  | 'slipped'
  | 'scheduled'
  | 'unscheduled'
  | 'renamed'
  | 'reassigned';

export interface PlanDiff {
  milestones: {
    kind: MilestoneChangeKind;
    id: string;
    title: string;
    from: string | null;
    to: string | null;
    days: number | null;
  }[];
  fields: { field: string; before: unknown; after: unknown }[];
  counts: Partial<Record<MilestoneChangeKind, number>>;
}

export interface CallAttendee {
  name: string;
  side: Side;
  memberId: string | null;
  contactId: string | null;
}

export interface Call {
  id: string;
  dealId: string;
  loggedBy: string;
  startedAt: string;
  timeZone: string;
  notes: string;
  outcome: Outcome | null;
  reason: PoorReason | null;
  lesson: string | null;
  lessonHabits: string[];
  attendees: CallAttendee[];
  habits: { habitId: string; state: 'done' | 'partly' | 'no' }[];
  createdAt: string;
  version: number;
}

export interface ProposedCommitment {
  side: Side;
  text: string;
  due: string | null;
  dueTime: string | null;
  target: string | null;
  sentence: string;
  confidence: number;
}

export interface ProposedNextStep {
  text: string;
  date: string | null;
  time: string | null;
}

export interface SuggestedAttendee {
  name: string;
  /** A contact of the deal's account; null for a name not in the address book yet. */
  contactId: string | null;
  mentions: number;
}

export interface CallPreview {
  commitments: ProposedCommitment[];
  nextStep: ProposedNextStep | null;
  suggestedAttendees?: SuggestedAttendee[];
}

export interface WinRecord {
  won: number;
  lost: number;
  winRate: number | null;
}

export interface Insights {
  from: string;
  to: string;
  members: { id: string; name: string; email: string }[];
  promiseKeeping: {
    memberId: string;
    week: string;
    early: number;
    onTime: number;
    late: number;
    total: number;
    earlyShare: number;
    onTimeShare: number;
    lateShare: number;
  }[];
  march: {
    days: {
      memberId: string;
      date: string;
      touches: number;
      floor: number;
      ceiling: number;
      businessDay: boolean;
      band: 'stall' | 'on' | 'rush' | 'open' | null;
    }[];
    summary: {
      memberId: string;
      businessDays: number;
      on: number;
      stall: number;
      rush: number;
      touches: number;
    }[];
  };
  habits: {
    habitId: string;
    position: number;
    key: string;
    name: string;
    calls: { done: number; partly: number; no: number };
    practiced: WinRecord;
    notPracticed: WinRecord;
  }[];
  outcomes: {
    calls: Record<'advanced' | 'no-change' | 'setback' | 'unrecorded', number>;
    callReasons: Record<PoorReason, number>;
    deals: Record<'won' | 'lost' | 'paused', number>;
    lossReasons: Record<PoorReason | 'unspecified', number>;
    pauseReasons: Record<PoorReason | 'unspecified', number>;
  };
  lessons: {
    source: 'call' | 'won' | 'lost' | 'paused';
    at: string;
    dealId: string;
    dealTitle: string;
    memberId: string;
    callId: string | null;
    text: string;
    habits: string[];
  }[];
  neglect: {
    week: string;
    asOf: string;
    open: number;
    neglected: number;
    reasons: Record<string, number>;
  }[];
  momentum: { week: string; average: number; deals: number }[];
}

export const WEBHOOK_EVENTS = [
  'commitment.due',
  'commitment.overdue',
  'deal.neglected',
  'call.logged',
  'deal.stage_changed',
  'deal.closed',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENTS)[number];

export interface Webhook {
  id: string;
  url: string;
  events: WebhookEventType[];
  allowPrivate: boolean;
  createdBy: string;
  createdAt: string;
  consecutiveFailures: number;
  disabledAt: string | null;
  disabledReason: string | null;
}

export interface WebhookDelivery {
  id: string;
  webhookId: string;
  eventType: WebhookEventType;
  status: 'pending' | 'succeeded' | 'failed';
  attempts: number;
  responseCode: number | null;
  durationMs: number | null;
  lastError: string | null;
  nextAttemptAt: string | null;
  createdAt: string;
  updatedAt: string;
}
