/*
 * THE ROUTE TABLE OF THE ISOLATION MATRIX (run by isolation.test.ts).
 *
 * Every route the server registers under /api/ must have an entry here, keyed "METHOD /path"
 * exactly as registered (":id" and all); a route without one fails the suite, and so does an
 * entry for a route that no longer exists. Each route is tried, on a fresh world
 * (isolation-world.ts), by four callers who must get nothing they may not have:
 *
 *   outsider      the owner of another workspace            expects `outsider` (default 404)
 *   otherRep      a rep of the same workspace, on another   expects `otherRep`
 *                 rep's deal and what is under it           (default: same as `outsider`)
 *   revokedToken  a revoked API token                       expects 401
 *   anonymous     no credentials                            expects 401 (public routes: `anonymous`)
 *
 * and then by the rightful caller (`as`, default the owner), who must get `ok` (default 200):
 * proof that the request is well-formed, so that the refusals above are not just bad input.
 * For every caller the suite also checks: no 5xx, none of the victim's ids or names in the
 * body, and no row of the victim's changed in the database (for the last two callers: no row
 * changed at all).
 *
 * Adding a route is a few lines: aim the request at the victim's records (`w.deal.id`,
 * `w.commitment.id`, …; add a record to isolation-world.ts if yours is new), say what the
 * outsider and the other rep get when it is not 404, and what the rightful caller gets:
 *
 *   'POST /api/v1/deals/:id/close': {
 *     request: (w) => ({ params: { id: w.deal.id }, body: { status: 'won' } }),
 *     ok: 200,
 *   },
 *
 * A list route answers an outsider with their own (empty) list: `outsider: 200`. A route that
 * creates in the caller's own workspace: `outsider: 201`. Routes that take no credentials
 * (sign-in and the like) set `public` to what an anonymous caller gets.
 */
import type { World } from './isolation-world.ts';

export interface RequestSpec {
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface RouteCase {
  request(w: World): RequestSpec;
  /** What the rightful caller gets (default 200). */
  ok?: number;
  /** Who the rightful caller is (default the victim workspace's owner). */
  as?: 'owner' | 'victimRep';
  /** What the owner of another workspace gets (default 404). */
  outsider?: number;
  /** What another rep of the victim's workspace gets (default: as `outsider`). */
  otherRep?: number;
  /** The route takes no credentials; an anonymous caller gets this status. */
  public?: { anonymous: number };
}

let unique = 0;
const fresh = (what: string) => `${what} ${++unique}`;

const profile = {
  name: 'Mallory',
  password: 'orchid lantern seventeen',
  timeZone: 'UTC',
  region: 'US',
};

export const ROUTES: Record<string, RouteCase> = {
  // --- sign-in and the session (public) ---
  'POST /api/v1/auth/signup': {
    request: () => ({
      body: {
        workspace: fresh('Workspace'),
        email: `${fresh('new').replace(' ', '')}@x.example`,
        ...profile,
      },
    }),
    // Sign-up is closed once the server has a workspace (no --open-signup here).
    public: { anonymous: 403 },
    outsider: 403,
    ok: 403,
  },
  'POST /api/v1/auth/login': {
    request: (w) => ({ body: { email: w.owner.member.email, password: 'not the password' } }),
    public: { anonymous: 401 },
    outsider: 401,
    ok: 401,
  },
  'POST /api/v1/auth/logout': {
    request: () => ({}),
    public: { anonymous: 204 },
    outsider: 204,
    ok: 204,
  },
  'POST /api/v1/auth/accept-invitation': {
    request: () => ({ body: { token: 'inv_guessed', ...profile } }),
    public: { anonymous: 404 },
    ok: 404,
  },
  'POST /api/v1/auth/password': {
    request: () => ({
      body: { currentPassword: 'a guess at it', newPassword: 'orchid lantern seventeen' },
    }),
    // About the caller's own account only; nobody here has a password, so all are refused.
    outsider: 403,
    ok: 403,
  },
  'POST /api/v1/password-resets': {
    // Always the same 202, known address or not; an unknown one here, so that nothing changes.
    request: () => ({ body: { email: `${fresh('forgot').replace(' ', '')}@x.example` } }),
    public: { anonymous: 202 },
    outsider: 202,
    ok: 202,
  },
  'POST /api/v1/password-resets/confirm': {
    request: () => ({ body: { token: 'mpr_guessed', password: 'orchid lantern seventeen' } }),
    public: { anonymous: 400 },
    outsider: 400,
    ok: 400,
  },
  'GET /api/v1/demo': { request: () => ({}), public: { anonymous: 200 }, outsider: 200 },
  'POST /api/v1/demo': {
    request: () => ({
      body: {
        workspace: fresh('Demo'),
        email: `${fresh('demo').replace(' ', '')}@x.example`,
        ...profile,
      },
    }),
    public: { anonymous: 403 },
    outsider: 403,
    ok: 403,
  },
  'GET /api/v1/health': { request: () => ({}), public: { anonymous: 200 }, outsider: 200 },
  'GET /api/v1/health/ready': { request: () => ({}), public: { anonymous: 200 }, outsider: 200 },

  // --- the team ---
  'GET /api/v1/me': { request: () => ({}), outsider: 200 },
  'GET /api/v1/members': { request: () => ({}), outsider: 200 },
  'GET /api/v1/members/:id': {
    request: (w) => ({ params: { id: w.victimRep.member.id } }),
    otherRep: 200,
  },
  'PATCH /api/v1/members/:id': {
    request: (w) => ({
      params: { id: w.victimRep.member.id },
      headers: { 'if-match': '"1"' },
      body: { role: 'manager' },
    }),
    otherRep: 403,
  },
  'DELETE /api/v1/members/:id': {
    request: (w) => ({ params: { id: w.victimRep.member.id } }),
    otherRep: 403,
    ok: 204,
  },
  'POST /api/v1/members/:id/password-reset': {
    request: (w) => ({ params: { id: w.victimRep.member.id } }),
    otherRep: 403,
    ok: 201,
  },
  'GET /api/v1/invitations': { request: () => ({}), outsider: 200, otherRep: 403 },
  'POST /api/v1/invitations': {
    request: () => ({
      body: { email: `${fresh('invitee').replace(' ', '')}@x.example`, role: 'rep' },
    }),
    outsider: 201,
    otherRep: 403,
    ok: 201,
  },
  'DELETE /api/v1/invitations/:id': {
    request: (w) => ({ params: { id: w.invitation.id } }),
    otherRep: 403,
    ok: 204,
  },
  // --- the daily digest (one's own settings; owners send) ---
  'GET /api/v1/me/digest': { request: () => ({}), outsider: 200 },
  'PATCH /api/v1/me/digest': { request: () => ({ body: { time: '07:00' } }), outsider: 200 },
  'POST /api/v1/digest/send': {
    request: (w) => ({ body: { memberId: w.victimRep.member.id, date: '2026-11-24' } }),
    otherRep: 403,
  },
  'GET /api/v1/audit': { request: () => ({}), outsider: 200, otherRep: 403 },
  'GET /api/v1/tokens': { request: () => ({}), outsider: 200 },
  'POST /api/v1/tokens': { request: () => ({ body: { name: 'script' } }), outsider: 201, ok: 201 },
  // Webhooks: owners and managers of the workspace only.
  'GET /api/v1/webhooks': { request: () => ({}), outsider: 200, otherRep: 403 },
  'POST /api/v1/webhooks': {
    request: () => ({
      body: { url: 'https://hooks.example.net/in', events: ['call.logged'] },
    }),
    outsider: 201,
    otherRep: 403,
    ok: 201,
  },
  'DELETE /api/v1/webhooks/:id': {
    request: (w) => ({ params: { id: w.webhook.id } }),
    otherRep: 403,
    ok: 204,
  },
  'GET /api/v1/webhooks/:id/deliveries': {
    request: (w) => ({ params: { id: w.webhook.id } }),
    otherRep: 403,
  },
  'POST /api/v1/webhook-deliveries/:id/replay': {
    request: (w) => ({ params: { id: w.delivery.id } }),
    otherRep: 403,
    ok: 202,
  },
  'DELETE /api/v1/tokens/:id': {
    request: (w) => ({ params: { id: w.victimRep.tokenId } }),
    as: 'victimRep',
    ok: 204,
  },

  // --- the caller's own calendar feed URL and calendar imports ---
  'GET /api/v1/calendar/feed': { request: () => ({}), outsider: 200 },
  'POST /api/v1/calendar/feed': { request: () => ({}), outsider: 201, ok: 201 },
  'DELETE /api/v1/calendar/feed': { request: () => ({}), as: 'victimRep', ok: 204 },
  'POST /api/v1/calendar/import': {
    request: () => ({
      body: {
        ics: 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:m1@example.com\r\nDTSTART:20990105T170000Z\r\nDTEND:20990105T173000Z\r\nSUMMARY:Sync\r\nATTENDEE:mailto:someone@example.com\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n',
        days: 366,
      },
    }),
    outsider: 200,
  },

  // --- the address book (shared within a workspace) ---
  'GET /api/v1/accounts': { request: () => ({}), outsider: 200 },
  // Imports: uploads and jobs belong to the member who made them (reps may not import); a job
  // or upload of someone else's is 404 to everyone.
  'POST /api/v1/imports/uploads': {
    request: () => ({
      query: { name: 'deals.csv' },
      headers: { 'content-type': 'text/csv' },
      body: '"Record ID","Deal Name"\n"1","A"\n',
    }),
    outsider: 201,
    otherRep: 403,
    ok: 201,
  },
  'POST /api/v1/imports': {
    request: () => ({ body: { uploads: ['im_000000000000'], dryRun: true } }),
    otherRep: 403,
    ok: 404,
  },
  'GET /api/v1/imports/:id': { request: () => ({ params: { id: 'im_000000000000' } }), ok: 404 },
  // The export is of the caller's own workspace: an outsider downloads theirs (none of the
  // victim's names in it); reps may not export.
  'GET /api/v1/export': {
    request: () => ({ query: { format: 'json' } }),
    outsider: 200,
    otherRep: 403,
  },
  // E-mail in: an upload is filed only for the member who uploads it, so a message between
  // strangers is refused (400) for everyone and nothing is recorded; the Inbox and the
  // proposals are the caller's own; a proposal or message of someone else's is 404 to everyone.
  'POST /api/v1/mail/messages': {
    request: () => ({
      headers: { 'content-type': 'message/rfc822' },
      body: `Message-ID: <${fresh('iso').replace(' ', '-')}@x.example>\r\nFrom: a@stranger.example\r\nTo: b@stranger.example\r\nSubject: hi\r\n\r\nhello\r\n`,
    }),
    outsider: 400,
    otherRep: 400,
    ok: 400,
  },
  'GET /api/v1/mail/inbox': { request: () => ({}), outsider: 200, otherRep: 200 },
  'GET /api/v1/mail/proposals': { request: () => ({}), outsider: 200, otherRep: 200 },
  'POST /api/v1/mail/proposals/:id/keep': {
    request: () => ({ params: { id: 'mm_000000000000' } }),
    ok: 404,
  },
  'POST /api/v1/mail/proposals/:id/dismiss': {
    request: () => ({ params: { id: 'mm_000000000000' } }),
    ok: 404,
  },
  'POST /api/v1/mail/messages/:id/file': {
    request: (w) => ({ params: { id: 'ml_000000000000' }, body: { dealId: w.deal.id } }),
    ok: 404,
  },
  'GET /api/v1/mail/new-promises': { request: () => ({}), outsider: 200, otherRep: 200 },
  'POST /api/v1/mail/messages/:id/promises/:number/accept': {
    request: () => ({ params: { id: 'ml_000000000000', number: '1' } }),
    ok: 404,
  },
  'POST /api/v1/mail/messages/:id/promises/:number/ignore': {
    request: () => ({ params: { id: 'ml_000000000000', number: '1' } }),
    ok: 404,
  },
  'POST /api/v1/accounts': {
    request: () => ({ body: { name: fresh('Account') } }),
    outsider: 201,
    ok: 201,
  },
  'GET /api/v1/contacts': {
    request: (w) => ({ query: { account: w.account.id } }),
    otherRep: 200,
  },
  'POST /api/v1/contacts': {
    request: (w) => ({ body: { account: w.account.id, name: fresh('Contact') } }),
    otherRep: 201,
    ok: 201,
  },
  // The address book is shared by the workspace: the other rep reads and edits it too. An edit
  // by the other rep moves the version on, so the owner's If-Match "1" afterwards is stale
  // (412: it reached the version check, the request itself was well-formed).
  'GET /api/v1/accounts/:id': {
    request: (w) => ({ params: { id: w.account.id } }),
    otherRep: 200,
  },
  'PATCH /api/v1/accounts/:id': {
    request: (w) => ({
      params: { id: w.account.id },
      headers: { 'if-match': '"1"' },
      body: { domain: 'taken.example' },
    }),
    otherRep: 200,
    ok: 412,
  },
  // The timeline of a shared account holds only the deals the reader can see: the other rep
  // gets it without the victim rep's deal, call or lesson (checked against repSecrets).
  'GET /api/v1/accounts/:id/timeline': {
    request: (w) => ({ params: { id: w.account.id } }),
    otherRep: 200,
  },
  'GET /api/v1/contacts/:id': {
    request: (w) => ({ params: { id: w.contact.id } }),
    otherRep: 200,
  },
  'PATCH /api/v1/contacts/:id': {
    request: (w) => ({
      params: { id: w.contact.id },
      headers: { 'if-match': '"1"' },
      body: { title: 'Taken over' },
    }),
    otherRep: 200,
    ok: 412,
  },
  // Search answers everyone with what they may see: the outsider and the other rep search for
  // the victim workspace's tag, which is in the victim rep's deal title too; the other rep finds
  // the shared account and contact, never the deal.
  'GET /api/v1/search': {
    request: (w) => ({ query: { q: w.deal.title.split(' ')[1]! } }),
    outsider: 200,
    otherRep: 200,
  },

  // --- deals (private to their owner, shares, managers and owners) ---
  'GET /api/v1/deals': { request: () => ({}), outsider: 200 },
  'POST /api/v1/deals': {
    request: (w) => ({ body: { account: w.account.id, title: fresh('Deal') } }),
    otherRep: 201,
    ok: 201,
  },
  'GET /api/v1/deals/:id': { request: (w) => ({ params: { id: w.deal.id } }) },
  'PATCH /api/v1/deals/:id': {
    request: (w) => ({
      params: { id: w.deal.id },
      headers: { 'if-match': '"1"' },
      body: { title: 'Taken over', stage: 'Demo' },
    }),
  },

  // --- commitments (under deals) ---
  'GET /api/v1/commitments': {
    request: (w) => ({ query: { deal: w.deal.id } }),
    outsider: 200,
  },
  'POST /api/v1/commitments': {
    request: (w) => ({
      body: { dealId: w.deal.id, side: 'ours', text: 'send the deck', due: '2026-11-27' },
    }),
    ok: 201,
  },
  'GET /api/v1/commitments/:id': { request: (w) => ({ params: { id: w.commitment.id } }) },
  'POST /api/v1/commitments/:id/done': {
    request: (w) => ({ params: { id: w.commitment.id }, body: {} }),
  },
  'POST /api/v1/commitments/:id/drop': {
    request: (w) => ({ params: { id: w.commitment.id }, body: { reason: 'not needed' } }),
  },
  'PATCH /api/v1/commitments/:id': {
    request: (w) => ({
      params: { id: w.commitment.id },
      headers: { 'if-match': '"1"' },
      body: { text: 'send the revised deck' },
    }),
  },
  'POST /api/v1/commitments/:id/renegotiate': {
    request: (w) => ({
      params: { id: w.commitment.id },
      body: { due: '2026-12-04', reason: 'they asked for the week after' },
    }),
  },
  'POST /api/v1/commitments/:id/snooze': {
    request: (w) => ({
      params: { id: w.commitment.id },
      body: { to: '2026-11-25', reason: 'waiting on legal' },
    }),
  },

  // --- Today, touches, next steps, the march, stages ---
  'GET /api/v1/today': { request: (w) => ({ query: { member: w.victimRep.member.id } }) },
  'GET /api/v1/deals/:id/momentum': { request: (w) => ({ params: { id: w.deal.id } }) },
  'GET /api/v1/deals/:id/next-step': { request: (w) => ({ params: { id: w.deal.id } }) },
  'POST /api/v1/deals/:id/next-step': {
    request: (w) => ({ params: { id: w.deal.id }, body: { at: '2099-01-05', text: 'Demo' } }),
    ok: 201,
  },
  'GET /api/v1/touches': { request: (w) => ({ query: { deal: w.deal.id } }) },
  'POST /api/v1/touches': {
    request: (w) => ({ body: { dealId: w.deal.id, kind: 'email', text: 'Sent the deck' } }),
    ok: 201,
  },
  'GET /api/v1/march': { request: (w) => ({ query: { member: w.victimRep.member.id } }) },
  'GET /api/v1/march/settings': {
    request: (w) => ({ query: { member: w.victimRep.member.id } }),
  },
  'PATCH /api/v1/march/settings': {
    request: (w) => ({
      query: { member: w.victimRep.member.id },
      headers: { 'if-match': '"1"' },
      body: { floor: 5 },
    }),
  },
  'GET /api/v1/stages': { request: () => ({}), outsider: 200 },
  'PATCH /api/v1/stages/:id': {
    request: (w) => ({
      params: { id: w.stage.id },
      headers: { 'if-match': '"1"' },
      body: { neglectDays: 3 },
    }),
    otherRep: 403,
  },

  // --- the post-call loop: playbook, calls, plans, outcomes, insights ---
  'GET /api/v1/playbook': { request: () => ({}), outsider: 200 },
  'PUT /api/v1/playbook': {
    request: () => ({
      body: { habits: [{ key: 'prepare', name: 'Prepare' }, { name: 'Follow up' }] },
    }),
    // Each caller sets their own workspace's playbook; reps may not.
    outsider: 200,
    otherRep: 403,
  },
  'POST /api/v1/calls/preview': {
    request: (w) => ({
      body: { dealId: w.deal.id, at: '2026-11-24T09:00', notes: "I'll send the deck by Friday." },
    }),
  },
  'POST /api/v1/calls': {
    request: (w) => ({
      body: {
        dealId: w.deal.id,
        at: '2026-11-24T09:00',
        notes: 'Checked in.',
        outcome: 'advanced',
        commitments: [{ side: 'ours', text: 'send the deck', due: '2026-11-27' }],
        milestones: [{ title: 'Kick-off', date: '2026-12-15' }],
      },
    }),
    ok: 201,
  },
  'GET /api/v1/calls': { request: (w) => ({ query: { deal: w.deal.id } }) },
  'GET /api/v1/calls/:id': { request: (w) => ({ params: { id: w.call.id } }) },
  'GET /api/v1/deals/:id/plan': { request: (w) => ({ params: { id: w.deal.id } }) },
  'PUT /api/v1/deals/:id/plan': {
    request: (w) => ({
      params: { id: w.deal.id },
      body: { base: 1, document: { objective: 'Taken over', milestones: [{ title: 'Kick-off' }] } },
    }),
    ok: 201,
  },
  'GET /api/v1/deals/:id/plan/revisions': { request: (w) => ({ params: { id: w.deal.id } }) },
  'GET /api/v1/deals/:id/plan/diff': { request: (w) => ({ params: { id: w.deal.id } }) },
  'GET /api/v1/deals/:id/outcomes': { request: (w) => ({ params: { id: w.deal.id } }) },
  'POST /api/v1/deals/:id/close': {
    request: (w) => ({
      params: { id: w.deal.id },
      body: {
        result: 'lost',
        reason: 'no-fit',
        promises: 'drop',
        nextStep: 'drop',
        dropReason: 'lost',
      },
    }),
  },
  'POST /api/v1/deals/:id/pause': {
    request: (w) => ({
      params: { id: w.deal.id },
      body: { until: '2099-01-05', promises: 'keep', nextStep: 'keep' },
    }),
  },
  'GET /api/v1/insights': {
    request: (w) => ({ query: { member: w.victimRep.member.email } }),
  },
};
