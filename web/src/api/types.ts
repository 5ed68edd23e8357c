/*
 * The shapes the API sends, as the web app reads them: names for types generated from the
 * server's OpenAPI document (`npm run gen:api` writes generated/openapi.ts, decision 022).
 * Nothing here is written by hand beyond the name, so the app cannot expect a field the server
 * does not send.
 */
import type { components, paths } from './generated/openapi.ts';

type Schemas = components['schemas'];
type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type JsonOf<R> = R extends { content: { 'application/json': infer B } } ? B : never;
/** The JSON body of a path's 200 (or 201) answer. */
export type ResponseOf<P extends keyof paths, M extends Method> = paths[P][M] extends {
  responses: infer R;
}
  ? R extends { 200: infer A }
    ? JsonOf<A>
    : R extends { 201: infer C }
      ? JsonOf<C>
      : never
  : never;
/** The JSON body a path takes. */
export type RequestOf<P extends keyof paths, M extends Method> = paths[P][M] extends {
  requestBody?: infer B;
}
  ? JsonOf<NonNullable<B>>
  : never;

export type Member = Schemas['Member'];
export type Role = Member['role'];
export type Me = ResponseOf<'/api/v1/me', 'get'>;
export type WorkspaceRef = Me['workspace'];
export type SignedIn = ResponseOf<'/api/v1/auth/login', 'post'>;
export type Invitation = Schemas['Invitation'];
export type ApiToken = Schemas['ApiToken'];

export type Account = ResponseOf<'/api/v1/accounts/{id}', 'get'>;
/** An account in the list, with the figures of the deals the reader can see. */
export type AccountListItem = Schemas['AccountListItem'];
export type Contact = Schemas['Contact'];
export type AccountEvent = Schemas['AccountEvent'];
export type SearchResult = Schemas['SearchResult'];
export type SearchKind = SearchResult['kind'];
export type SearchResponse = ResponseOf<'/api/v1/search', 'get'>;

export type Stage = Schemas['Stage'];
/** A deal in the list, with today's momentum and neglect (null and false when not open). */
export type DealListItem = Schemas['DealListItem'];
/** A deal as one read sends it; lists add its health, hence the optional fields. */
export type Deal = ResponseOf<'/api/v1/deals/{id}', 'get'> &
  Partial<Pick<DealListItem, 'momentum' | 'neglected' | 'neglectReasons'>>;
export type DealStatus = Deal['status'];
/** One time a deal was won, lost or paused. */
export type DealOutcome = Schemas['DealOutcome'];

export type Commitment = Schemas['Commitment'];
export type Side = Commitment['side'];
export type CommitmentState = Commitment['state'];
export type Classification = NonNullable<Commitment['classification']>;
/** Each time its due date was renegotiated, oldest first (on reads and edits). */
export type Renegotiation = NonNullable<Commitment['renegotiations']>[number];

export type TodayAgenda = ResponseOf<'/api/v1/today', 'get'>;
export type AgendaItem = TodayAgenda['items'][number];
export type LaterItem = TodayAgenda['later'][number];
export type AgendaKind = AgendaItem['kind'];
/** `renegotiate`: a promise due or late gets a new date agreed (it cannot be snoozed);
 * `date`: a promise with no date gets its first. */
export type AgendaAction = AgendaItem['actions'][number];

export type Touch = Schemas['Touch'];
export type TouchKind = Touch['kind'];

export type Playbook = ResponseOf<'/api/v1/playbook', 'get'>;
export type Habit = Playbook['habits'][number];

export type NextStep = Schemas['NextStep'];

export type DealHealth = ResponseOf<'/api/v1/deals/{id}/momentum', 'get'>;
export type NeglectReason = DealHealth['neglect']['reasons'][number];
export type MomentumFactor = DealHealth['momentum']['factors'][number];

export type March = ResponseOf<'/api/v1/march', 'get'>;
export type MarchSettings = ResponseOf<'/api/v1/march/settings', 'get'>;

export type PlanRevision = ResponseOf<'/api/v1/deals/{id}/plan', 'get'>;
export type PlanRevisionSummary = ResponseOf<'/api/v1/deals/{id}/plan/revisions', 'get'>[number];
export type PlanDocument = PlanRevision['document'];
export type PlanPerson = PlanDocument['people'][number];
export type Milestone = PlanDocument['milestones'][number];
export type MilestoneState = Milestone['state'];
export type PlanComparison = ResponseOf<'/api/v1/deals/{id}/plan/diff', 'get'>;
export type PlanDiff = PlanComparison['diff'];
export type MilestoneChangeKind = PlanDiff['milestones'][number]['kind'];

export type Call = Schemas['Call'];
export type CallAttendee = Call['attendees'][number];
export type Outcome = NonNullable<Call['outcome']>;
export type HabitState = Call['habits'][number]['state'];
export type CallPreview = ResponseOf<'/api/v1/calls/preview', 'post'>;
export type ProposedCommitment = CallPreview['commitments'][number];
export type ProposedNextStep = NonNullable<CallPreview['nextStep']>;
export type SuggestedAttendee = CallPreview['suggestedAttendees'][number];

export type Insights = ResponseOf<'/api/v1/insights', 'get'>;
export type WinRecord = Insights['habits'][number]['practiced'];
/** Why a call went badly or a deal was lost or paused. */
export type PoorReason = keyof Insights['outcomes']['callReasons'];

export type Webhook = Schemas['Webhook'];
export type WebhookDelivery = Schemas['WebhookDelivery'];
export type WebhookEventType = Webhook['events'][number];

/** The events a webhook can subscribe to, in the order the settings page lists them; the
 * `satisfies` check fails when the server's list changes. */
export const WEBHOOK_EVENTS = [
  'commitment.due',
  'commitment.overdue',
  'deal.neglected',
  'call.logged',
  'deal.stage_changed',
  'deal.closed',
] as const satisfies readonly WebhookEventType[];
// Fails to compile when the server has an event this list lacks.
const _everyEventListed: Exclude<WebhookEventType, (typeof WEBHOOK_EVENTS)[number]> extends never
  ? true
  : false = true;
