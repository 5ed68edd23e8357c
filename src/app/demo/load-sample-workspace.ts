import { randomBytes } from 'node:crypto';
import { addAccount, addContact } from '../../core/accounts/flows/manage-accounts.ts';
import type { PasswordAttempts } from '../../core/auth/ports.ts';
import { openSession } from '../../core/auth/flows/sessions.ts';
import { completeSignUp, prepareSignUp, type SignUpInput } from '../../core/auth/flows/sign-up.ts';
import type { SignedIn } from '../../core/auth/flows/sign-in.ts';
import { assertTimeZone, localDateOf } from '../../core/calendar/index.ts';
import { logCall, type LogCallInput } from '../../core/calls/flows/log-call.ts';
import { completeCommitment } from '../../core/commitments/flows/manage-commitments.ts';
import type { Commitment } from '../../core/commitments/types.ts';
import { closeDeal, pauseDeal } from '../../core/deals/flows/close-deal.ts';
import { addDeal } from '../../core/deals/flows/manage-deals.ts';
import { updateDeal } from '../../core/deals/flows/update-deal.ts';
import type { Deal } from '../../core/deals/types.ts';
import { momentumOnDays } from '../../core/momentum/deal-momentum.ts';
import { setNextStep } from '../../core/next-steps/flows/set-next-step.ts';
import { editPlan } from '../../core/plans/flows/revise-plan.ts';
import type { Clock } from '../../core/kernel/clock.ts';
import { logTouches, type LogTouchInput } from '../../core/touches/flows/log-touch.ts';
import { acceptInvitation, inviteMember } from '../../core/auth/flows/invitations.ts';
import type { Actor, Member, Role } from '../../core/workspaces/types.ts';
import { updateMemberSettings } from '../../core/workspaces/flows/update-member-settings.ts';
import type { AppContext } from '../context.ts';
import { sampleTime, type SampleTime } from './sample-time.ts';

/*
 * "Explore with sample data": a small team selling to a dozen accounts, told as a story of the
 * last five weeks. Everything is written through the use cases (never SQL), each run with a
 * clock stopped at the moment it happened, so the workspace has the history the product reads:
 * calls with notes and checklists, promises kept early, on time and late, a plan revised after
 * each call, deals won, lost and paused, neglected deals, and a daily march for everyone.
 */

type Who = 'owner' | 'maya' | 'jordan' | 'priya';

const TEAM: {
  who: Exclude<Who, 'owner'>;
  name: string;
  email: string;
  role: Role;
  floor: number;
}[] = [
  { who: 'maya', name: 'Maya Chen', email: 'maya.chen@sample.example', role: 'manager', floor: 4 },
  {
    who: 'jordan',
    name: 'Jordan Reyes',
    email: 'jordan.reyes@sample.example',
    role: 'rep',
    floor: 6,
  },
  { who: 'priya', name: 'Priya Nair', email: 'priya.nair@sample.example', role: 'rep', floor: 6 },
];

const ACCOUNTS: { name: string; domain: string; contact: string; title: string }[] = [
  {
    name: 'Contoso Health',
    domain: 'contoso-health.example',
    contact: 'Sarah Kim',
    title: 'VP Operations',
  },
  { name: 'Woodgrove Bank', domain: 'woodgrove.example', contact: 'Elena Rossi', title: 'CIO' },
  { name: 'Fourth Coffee', domain: 'fourthcoffee.example', contact: 'Dan Park', title: 'COO' },
  { name: 'Litware', domain: 'litware.example', contact: 'Grace Liu', title: 'CTO' },
  {
    name: 'Fabrikam Logistics',
    domain: 'fabrikam.example',
    contact: 'Tom Becker',
    title: 'Head of Sales Ops',
  },
  {
    name: 'Adventure Works',
    domain: 'adventure-works.example',
    contact: 'Ben Carter',
    title: 'CFO',
  },
  {
    name: 'Northwind Traders',
    domain: 'northwind.example',
    contact: 'Omar Haddad',
    title: 'Director of Sales',
  },
  {
    name: 'Tailspin Air',
    domain: 'tailspin.example',
    contact: 'Rita Gomez',
    title: 'Procurement Lead',
  },
  {
    name: 'Blue Yonder Airlines',
    domain: 'blueyonder.example',
    contact: 'Ken Tanaka',
    title: 'VP Customer',
  },
  { name: 'Coho Winery', domain: 'coho.example', contact: 'Luis Ortega', title: 'General Manager' },
  {
    name: 'Trey Research',
    domain: 'treyresearch.example',
    contact: 'Amy Foster',
    title: 'Head of Research',
  },
  {
    name: 'Alpine Ski House',
    domain: 'alpineskihouse.example',
    contact: 'Nora Fischer',
    title: 'Owner',
  },
  {
    name: 'Lucerne Publishing',
    domain: 'lucerne.example',
    contact: 'Hannah Weiss',
    title: 'Editor-in-Chief',
  },
  { name: 'Wingtip Toys', domain: 'wingtip.example', contact: 'Sam Lee', title: 'Founder' },
  {
    name: 'Relecloud',
    domain: 'relecloud.example',
    contact: 'Iris Novak',
    title: 'Head of FinOps',
  },
  {
    name: 'Humongous Insurance',
    domain: 'humongous.example',
    contact: 'Paul Meyer',
    title: 'Claims Director',
  },
  // No deal yet: Today proposes opening a conversation with them.
  { name: 'Proseware', domain: 'proseware.example', contact: 'Ivan Petrov', title: 'IT Manager' },
  {
    name: "Margie's Travel",
    domain: 'margiestravel.example',
    contact: 'Zoe Adams',
    title: 'Operations',
  },
];

/** How many touches each person made on each of the last business days, oldest first: a
 * steady march with a rush and a couple of stalls, so the chart has something to say. */
const MARCH: Record<Who, number[]> = {
  owner: [7, 8, 9, 8, 6, 8, 9, 12, 8, 7, 8, 9, 8, 5, 8, 9, 8, 10, 8, 8],
  maya: [3, 4, 4, 5, 4, 2, 4, 4, 5, 4, 4, 3, 4, 4, 5, 4, 4, 4, 6, 4],
  jordan: [6, 7, 5, 6, 6, 9, 6, 6, 4, 6, 7, 6, 6, 6, 3, 6, 7, 6, 6, 7],
  priya: [5, 6, 6, 7, 6, 6, 5, 6, 6, 8, 6, 6, 6, 7, 6, 6, 6, 5, 6, 6],
};
const TODAY_SO_FAR: Record<Who, number> = { owner: 2, maya: 2, jordan: 4, priya: 3 };
const TOUCH_KINDS = ['email', 'call', 'email', 'message', 'meeting', 'email'] as const;
const TOUCH_NOTES = [
  'Sent the follow-up summary',
  'Quick check-in on open questions',
  'Shared the customer story we discussed',
  'Confirmed attendees for the next session',
  'Answered pricing questions',
  'Sent the agenda for next week',
];

type Checks = Record<string, 'done' | 'partly' | 'no'>;
const ALL_DONE: Checks = Object.fromEntries(
  [
    'prepare',
    'plan',
    'open',
    'discover',
    'listen',
    'tailor',
    'objections',
    'next-steps',
    'recap',
    'momentum',
  ].map((k) => [k, 'done' as const]),
);
const checks = (overrides: Checks): Checks => ({ ...ALL_DONE, ...overrides });

interface Story {
  ctx: AppContext;
  t: SampleTime;
  actors: Record<Who, Actor>;
  /** The use-case dependencies with the clock stopped at a moment of the story. */
  at(offset: number, time: string): AppContext;
}

function deps(ctx: AppContext, clock: Clock): AppContext {
  return { ...ctx, clock };
}

/**
 * Every sample gets people of its own. Accounts are shared by every workspace on a server, so a
 * fixed address would be one account across samples (and the second sample could not join it);
 * the workspace id, random and unknown before the sample exists, also means nobody can make the
 * account first and be handed a seat in someone's sample.
 */
function sampleAddress(email: string, workspaceId: string): string {
  const [local, domain] = email.split('@');
  return `${local}+${workspaceId.replace(/^ws_/, '')}@${domain}`;
}

async function join(
  ctx: AppContext,
  t: SampleTime,
  owner: Actor,
  member: (typeof TEAM)[number],
  zone: Member,
): Promise<Actor> {
  const then = deps(ctx, t.clock(-25, '09:00'));
  const { token } = await inviteMember(then, owner, {
    email: sampleAddress(member.email, owner.workspaceId),
    role: member.role,
  });
  // Sample people never sign in: their password is random and thrown away.
  const joined = await acceptInvitation(then, {
    token,
    name: member.name,
    password: `${randomBytes(18).toString('base64url')}-Aa1`,
    timeZone: zone.timeZone,
    region: zone.region,
  });
  const actor: Actor = {
    memberId: joined.member.id,
    workspaceId: joined.member.workspaceId,
    role: joined.member.role,
  };
  await updateMemberSettings(then, owner, actor.memberId, { marchFloor: member.floor });
  return actor;
}

async function deal(
  s: Story,
  who: Who,
  created: number,
  input: { account: string; title: string; amount: number; stage?: string },
): Promise<Deal> {
  return addDeal(s.at(created, '09:30'), s.actors[who], { ...input, currency: 'USD' });
}

async function call(
  s: Story,
  who: Who,
  d: Deal,
  offset: number,
  time: string,
  input: Omit<LogCallInput, 'dealId' | 'at'>,
) {
  return logCall(s.at(offset, time), s.actors[who], {
    dealId: d.id,
    at: s.t.iso(offset, time),
    ...input,
  });
}

async function keep(s: Story, who: Who, c: Commitment | undefined, offset: number, time: string) {
  if (!c) return;
  await completeCommitment(s.ctx, s.actors[who], c.id, { at: s.t.iso(offset, time) });
}

async function moveTo(s: Story, who: Who, d: Deal, stage: string, offset: number): Promise<Deal> {
  const current = await s.ctx.deals.findVisible(s.ctx.runner.executor, s.actors[who], d.id);
  return updateDeal(s.at(offset, '17:00'), s.actors[who], d.id, { stage }, current!.version);
}

/** The owner's showcase deal: a plan written before the first call and revised after each. */
async function contoso(s: Story) {
  const d = await deal(s, 'owner', -18, {
    account: 'Contoso Health',
    title: 'Care platform rollout, 3 clinics',
    amount: 48000,
    stage: 'Discovery',
  });
  await editPlan(s.at(-16, '16:00'), s.actors.owner, d.id, {
    base: 0,
    document: {
      objective:
        'Cut appointment no-shows across three clinics by a third before the summer season, with a pilot in the Riverside clinic first.',
      decisionProcess:
        'Sarah (VP Operations) owns the project; the CFO signs anything over $40k; IT runs a security review before any pilot.',
      people: [
        { name: 'Sarah Kim', role: 'Champion, VP Operations', side: 'theirs' },
        { name: 'Ben Carter', role: 'Economic buyer, CFO', side: 'theirs' },
        { name: 'Priya Nair', role: 'Solutions support', side: 'ours' },
      ],
      milestones: [
        {
          title: 'Discovery workshop with clinic managers',
          side: 'theirs',
          date: s.t.date(-12),
          state: 'open',
        },
        { title: 'Security review passed', side: 'theirs', date: s.t.date(5), state: 'open' },
        { title: 'Pilot kickoff at Riverside', side: 'ours', date: s.t.date(15), state: 'open' },
      ],
      risks: ['IT bandwidth for the security review', 'Budget approval falls into next quarter'],
    },
  });
  const first = await call(s, 'owner', d, -12, '10:00', {
    attendees: [{ name: 'Sarah Kim', side: 'theirs' }],
    notes:
      'Discovery workshop with Sarah and two clinic managers. No-shows cost them about 8% of capacity and the front desk spends an hour a day on reminder calls. ' +
      `I'll send the case study from Fabrikam by Friday. Sarah will share their current scheduling export next week. ` +
      'We agreed to run a demo for the clinic managers.',
    habits: checks({ tailor: 'partly' }),
    outcome: 'advanced',
    commitments: [
      {
        side: 'ours',
        text: 'Send the Fabrikam case study',
        due: s.t.date(-10),
        sentence: "I'll send the case study from Fabrikam by Friday.",
      },
      {
        side: 'theirs',
        text: 'Share the current scheduling export',
        due: s.t.date(-7),
        sentence: 'Sarah will share their current scheduling export next week.',
      },
    ],
    nextStep: { text: 'Demo for the clinic managers', date: s.t.date(-5), time: '14:00' },
    milestones: [
      { id: 'm1', state: 'done' },
      { title: 'Demo for clinic managers', side: 'ours', date: s.t.date(-5) },
    ],
  });
  await keep(s, 'owner', first.commitments[0], -11, '15:30');
  await keep(s, 'owner', first.commitments[1], -7, '11:00');
  await moveTo(s, 'owner', d, 'Demo', -11);
  await call(s, 'owner', d, -5, '14:00', {
    attendees: [{ name: 'Sarah Kim', side: 'theirs' }],
    notes:
      'Demo for the clinic managers went well: they want the waitlist feature in the pilot. They asked how we handle patient data. ' +
      'I will send the security questionnaire answers by Tuesday. Sarah will introduce us to Ben, their CFO, early next week. ' +
      'The security review moves a week because their IT lead is out; we can start the pilot sooner if it passes.',
    habits: checks({ objections: 'partly' }),
    outcome: 'advanced',
    commitments: [
      {
        side: 'ours',
        text: 'Send the security questionnaire answers',
        due: s.t.date(1),
        sentence: 'I will send the security questionnaire answers by Tuesday.',
      },
      {
        side: 'theirs',
        text: 'Introduce us to Ben, their CFO',
        due: s.t.date(-2),
        sentence: 'Sarah will introduce us to Ben, their CFO, early next week.',
      },
    ],
    nextStep: { text: 'Pricing review with Sarah and Ben', date: s.t.date(0), time: '15:00' },
    milestones: [
      { id: 'm4', state: 'done' },
      { id: 'm2', date: s.t.date(10) },
      { id: 'm3', date: s.t.date(12) },
    ],
  });
  return d;
}

async function ownerDeals(s: Story) {
  const woodgrove = await deal(s, 'owner', -22, {
    account: 'Woodgrove Bank',
    title: 'Fraud analytics pilot',
    amount: 120000,
    stage: 'Proposal',
  });
  const wg = await call(s, 'owner', woodgrove, -8, '11:00', {
    attendees: [{ name: 'Elena Rossi', side: 'theirs' }],
    notes:
      'Elena confirmed the budget. I will send the revised order form by Wednesday. Their legal team will return the redlines by next Thursday.',
    habits: checks({ recap: 'partly' }),
    outcome: 'advanced',
    commitments: [
      { side: 'ours', text: 'Send the revised order form', due: s.t.date(-6) },
      { side: 'theirs', text: 'Return the contract redlines', due: s.t.date(3) },
    ],
    nextStep: { text: 'Contract review call with Elena', date: s.t.date(0), time: '16:30' },
  });
  await keep(s, 'owner', wg.commitments[0], -5, '17:30');
  await moveTo(s, 'owner', woodgrove, 'Negotiation', -5);

  const fourth = await deal(s, 'owner', -3, {
    account: 'Fourth Coffee',
    title: 'Franchise reporting, 40 stores',
    amount: 18000,
  });
  await call(s, 'owner', fourth, -2, '09:30', {
    attendees: [{ name: 'Dan Park', side: 'theirs' }],
    notes:
      'First call with Dan. Forty stores, reporting done by hand every Monday. I will send our ROI calculator.',
    habits: checks({ plan: 'no', tailor: 'partly' }),
    outcome: 'advanced',
    commitments: [{ side: 'ours', text: 'Send the ROI calculator', due: null }],
    nextStep: { text: 'Walk through the ROI model with Dan', date: s.t.date(4), time: '11:00' },
  });

  // Neglected: nobody has touched it for two weeks and nothing is booked.
  const litware = await deal(s, 'owner', -24, {
    account: 'Litware',
    title: 'Engineering analytics',
    amount: 36000,
    stage: 'Qualified',
  });
  await call(s, 'owner', litware, -10, '16:00', {
    attendees: [{ name: 'Grace Liu', side: 'theirs' }],
    notes:
      'Grace liked the dashboards but is busy with a release. She said to follow up after it ships.',
    habits: checks({ 'next-steps': 'no', recap: 'no' }),
    outcome: 'no-change',
    reason: 'not-now',
    lesson:
      'Leave every call with a date, even a tentative one: "after the release" is not a next step.',
    lessonHabits: ['next-steps'],
  });

  const fabrikam = await deal(s, 'owner', -20, {
    account: 'Fabrikam Logistics',
    title: 'Route optimisation add-on',
    amount: 64000,
    stage: 'Proposal',
  });
  await call(s, 'owner', fabrikam, -7, '13:00', {
    attendees: [{ name: 'Tom Becker', side: 'theirs' }],
    notes:
      'Tom wants a second option without the telematics bundle. I will send proposal v2 by Friday.',
    habits: checks({}),
    outcome: 'no-change',
    reason: 'other',
    commitments: [{ side: 'ours', text: 'Send proposal v2 without telematics', due: s.t.date(-4) }],
    nextStep: { text: 'Proposal review with Tom', date: s.t.date(3), time: '16:00' },
  });

  const adventure = await deal(s, 'owner', -30, {
    account: 'Adventure Works',
    title: 'Finance team licences',
    amount: 26000,
    stage: 'Negotiation',
  });
  const aw = await call(s, 'owner', adventure, -14, '10:30', {
    attendees: [{ name: 'Ben Carter', side: 'theirs' }],
    notes:
      'Ben asked for the security pack and a reference. I will send both tomorrow. They will sign by the end of next week.',
    habits: checks({}),
    outcome: 'advanced',
    commitments: [
      { side: 'ours', text: 'Send the security pack and a reference', due: s.t.date(-12) },
      { side: 'theirs', text: 'Sign the order form', due: s.t.date(-7) },
    ],
  });
  await keep(s, 'owner', aw.commitments[0], -13, '09:15');
  await keep(s, 'owner', aw.commitments[1], -7, '16:00');
  await closeDeal(s.at(-6, '12:00'), s.actors.owner, adventure.id, {
    result: 'won',
    lesson: 'Bringing finance in on the second call made the close a formality.',
    lessonHabits: ['discover'],
  });

  return { woodgrove, litware };
}

async function jordanDeals(s: Story) {
  const northwind = await deal(s, 'jordan', -15, {
    account: 'Northwind Traders',
    title: 'Sales team onboarding, 25 seats',
    amount: 30000,
    stage: 'Demo',
  });
  const nw = await call(s, 'jordan', northwind, -3, '15:00', {
    attendees: [{ name: 'Omar Haddad', side: 'theirs' }],
    notes:
      'Demo to the sales leads. I will share the onboarding plan by Friday. Omar will confirm the seat count tomorrow.',
    habits: checks({ listen: 'partly' }),
    outcome: 'advanced',
    commitments: [
      { side: 'ours', text: 'Share the onboarding plan', due: s.t.date(-1) },
      { side: 'theirs', text: 'Confirm the seat count', due: s.t.date(-2) },
    ],
    nextStep: { text: 'Onboarding plan walkthrough', date: s.t.date(1), time: '10:00' },
  });
  await keep(s, 'jordan', nw.commitments[0], -1, '12:00');
  await keep(s, 'jordan', nw.commitments[1], -2, '09:00');

  const tailspin = await deal(s, 'jordan', -19, {
    account: 'Tailspin Air',
    title: 'Crew scheduling pilot',
    amount: 75000,
    stage: 'Proposal',
  });
  await call(s, 'jordan', tailspin, -6, '11:00', {
    attendees: [{ name: 'Rita Gomez', side: 'theirs' }],
    notes: 'Rita needs the pricing split by base. I will send the pricing breakdown by Monday.',
    habits: checks({ prepare: 'partly', recap: 'no' }),
    outcome: 'no-change',
    reason: 'other',
    commitments: [{ side: 'ours', text: 'Send the pricing breakdown by base', due: s.t.date(-2) }],
    nextStep: { text: 'Pricing call with procurement', date: s.t.date(5), time: '14:00' },
  });

  const blueYonder = await deal(s, 'jordan', -4, {
    account: 'Blue Yonder Airlines',
    title: 'Customer success suite',
    amount: 22000,
  });
  await setNextStep(s.at(-4, '10:00'), s.actors.jordan, blueYonder.id, {
    text: 'Discovery call with Ken',
    at: `${s.t.date(2)}T09:00`,
  });

  const coho = await deal(s, 'jordan', -28, {
    account: 'Coho Winery',
    title: 'Cellar inventory tracking',
    amount: 12000,
    stage: 'Demo',
  });
  await call(s, 'jordan', coho, -12, '14:00', {
    attendees: [{ name: 'Luis Ortega', side: 'theirs' }],
    notes: 'Demo did not land: they track barrels, not bottles, and our model does not fit.',
    habits: checks({ discover: 'no', tailor: 'no', prepare: 'partly' }),
    outcome: 'setback',
    reason: 'no-fit',
    lesson: 'Ask how they count stock before preparing the demo.',
    lessonHabits: ['discover', 'prepare'],
  });
  await closeDeal(s.at(-9, '10:00'), s.actors.jordan, coho.id, {
    result: 'lost',
    reason: 'no-fit',
    lesson: 'Qualify the data model in discovery, not in the demo.',
    lessonHabits: ['discover'],
  });

  const trey = await deal(s, 'jordan', -32, {
    account: 'Trey Research',
    title: 'Lab scheduling, 60 seats',
    amount: 41000,
    stage: 'Negotiation',
  });
  const tr = await call(s, 'jordan', trey, -20, '10:00', {
    attendees: [{ name: 'Amy Foster', side: 'theirs' }],
    notes: 'Amy is ready to sign once legal approves. I will send the signed DPA today.',
    habits: checks({}),
    outcome: 'advanced',
    commitments: [{ side: 'ours', text: 'Send the signed DPA', due: s.t.date(-19) }],
  });
  await keep(s, 'jordan', tr.commitments[0], -20, '16:00');
  await closeDeal(s.at(-15, '11:00'), s.actors.jordan, trey.id, { result: 'won' });
}

async function priyaDeals(s: Story) {
  const alpine = await deal(s, 'priya', -9, {
    account: 'Alpine Ski House',
    title: 'Season pass analytics',
    amount: 15000,
    stage: 'Qualified',
  });
  await call(s, 'priya', alpine, -4, '10:00', {
    attendees: [{ name: 'Nora Fischer', side: 'theirs' }],
    notes:
      'Nora wants to see last season’s data in the tool. I will load a sample of their data by Thursday.',
    habits: checks({ objections: 'partly' }),
    outcome: 'advanced',
    commitments: [{ side: 'ours', text: 'Load a sample of last season’s data', due: s.t.date(1) }],
    nextStep: { text: 'Review the sample dashboards', date: s.t.date(3), time: '15:00' },
  });

  const lucerne = await deal(s, 'priya', -26, {
    account: 'Lucerne Publishing',
    title: 'Editorial workflow',
    amount: 42000,
    stage: 'Negotiation',
  });
  const lp = await call(s, 'priya', lucerne, -3, '11:30', {
    attendees: [{ name: 'Hannah Weiss', side: 'theirs' }],
    notes:
      'Final terms agreed in principle. I will send the updated quote tomorrow. Hannah will get the budget sign-off by Wednesday.',
    habits: checks({}),
    outcome: 'advanced',
    commitments: [
      { side: 'ours', text: 'Send the updated quote', due: s.t.date(-2) },
      { side: 'theirs', text: 'Get the budget sign-off', due: s.t.date(1) },
    ],
    nextStep: { text: 'Signature call', date: s.t.date(2), time: '11:00' },
  });
  await keep(s, 'priya', lp.commitments[0], -2, '17:00');

  const wingtip = await deal(s, 'priya', -27, {
    account: 'Wingtip Toys',
    title: 'Wholesale portal',
    amount: 9000,
    stage: 'Qualified',
  });
  await call(s, 'priya', wingtip, -11, '09:00', {
    attendees: [{ name: 'Sam Lee', side: 'theirs' }],
    notes:
      'Sam likes it but the holiday season has everyone busy. Asked to pick it up in a few weeks.',
    habits: checks({ 'next-steps': 'partly' }),
    outcome: 'no-change',
    reason: 'not-now',
  });
  await pauseDeal(s.at(-10, '10:00'), s.actors.priya, wingtip.id, {
    until: s.t.date(0),
    reason: 'not-now',
    lesson: 'Seasonal businesses buy before the season, not during it.',
  });
}

async function mayaDeals(s: Story) {
  const relecloud = await deal(s, 'maya', -12, {
    account: 'Relecloud',
    title: 'Cloud cost dashboards',
    amount: 54000,
    stage: 'Qualified',
  });
  await call(s, 'maya', relecloud, -2, '16:00', {
    attendees: [{ name: 'Iris Novak', side: 'theirs' }],
    notes:
      'Iris wants a proof of value on one business unit. We will send a proposal for a four-week pilot by Friday.',
    habits: checks({ recap: 'partly' }),
    outcome: 'advanced',
    commitments: [{ side: 'ours', text: 'Send the pilot proposal', due: s.t.date(2) }],
    nextStep: { text: 'Pilot scoping session', date: s.t.date(4), time: '13:00' },
  });
  const humongous = await deal(s, 'maya', -29, {
    account: 'Humongous Insurance',
    title: 'Claims triage',
    amount: 88000,
    stage: 'Demo',
  });
  await call(s, 'maya', humongous, -13, '15:00', {
    attendees: [{ name: 'Paul Meyer', side: 'theirs' }],
    notes: 'Paul was distracted; they just bought a competitor’s module. Not interested for now.',
    habits: checks({ prepare: 'no', discover: 'partly', objections: 'no' }),
    outcome: 'setback',
    reason: 'not-interested',
    lesson:
      'Check for recent purchases before the demo: a five-minute search would have saved the call.',
    lessonHabits: ['prepare'],
  });
  await closeDeal(s.at(-8, '09:30'), s.actors.maya, humongous.id, {
    result: 'lost',
    reason: 'not-interested',
  });
}

/** Everyone's daily distance over the last twenty business days, spread over the deals they
 * had going at the time (never the deals left to go stale, nor one with a meeting today). The
 * hundreds of touches are logged in one batch (logTouches), not one use case call each. */
async function marchHistory(s: Story, who: Who, notTouched: Deal[], notToday: Deal[] = []) {
  const actor = s.actors[who];
  const deals = (await s.ctx.deals.listVisible(s.ctx.runner.executor, actor, {})).filter(
    (d) => d.ownerId === actor.memberId && !notTouched.some((n) => n.id === d.id),
  );
  const touches: LogTouchInput[] = [];
  const touch = (offset: number, time: string) => {
    const at = s.t.iso(offset, time);
    const live = deals.filter(
      (d) =>
        d.createdAt < at &&
        (d.closedAt === null || d.closedAt > at) &&
        (offset < 0 || !notToday.some((x) => x.id === d.id)),
    );
    if (live.length === 0) return;
    const n = touches.length;
    touches.push({
      dealId: live[n % live.length]!.id,
      kind: TOUCH_KINDS[n % TOUCH_KINDS.length]!,
      at,
      text: TOUCH_NOTES[n % TOUCH_NOTES.length]!,
    });
  };
  const clock = (minutes: number) =>
    `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
  const days = MARCH[who];
  for (let i = 0; i < days.length; i++) {
    for (let k = 0; k < days[i]!; k++) touch(i - days.length, clock(9 * 60 + 20 + k * 37));
  }
  for (let k = 0; k < TODAY_SO_FAR[who]; k++) touch(0, clock(8 * 60 + 30 + k * 20));
  await logTouches(s.ctx, actor, touches);
}

/** Momentum is recorded by the writes that move it, on the day they happen; the story's writes
 * happen now with a past clock, so the sample records each live deal's score as it stood at the
 * end of each past day itself (what the deal's health said that evening), and every trend has a
 * history to draw. */
async function momentumHistory(s: Story, timeZone: string, deals: Deal[]) {
  // The days before today; today's is recorded by the store as the story commits.
  const offsets = Array.from({ length: 20 }, (_, i) => i - 20);
  const dates = offsets.map((offset) => localDateOf(s.t.at(offset, '18:00'), timeZone));
  const snapshots = (
    await momentumOnDays(
      s.ctx,
      s.actors.owner,
      deals.map((d) => d.id),
      dates,
    )
  ).filter((snapshot) => {
    // A deal opened later than the evening of a day has no score that day.
    const offset = offsets[dates.indexOf(snapshot.day)]!;
    return deals.find((d) => d.id === snapshot.dealId)!.createdAt < s.t.iso(offset, '18:00');
  });
  await s.ctx.runner.transaction((tx) => s.ctx.momentum.saveSnapshots(tx, snapshots));
}

/** The workspace was founded this many business days ago: before anything else in the story. */
const FOUNDED = -35;

/**
 * Creates the sample workspace, with the person signing up as its owner, and signs them in. It
 * is sign-up (the same input, the same rule on who may), backdated to when the story begins so
 * that the owner's own history counts too; then the team and five weeks of work are added. It
 * only ever creates a new workspace.
 */
export async function createSampleWorkspace(
  ctx: AppContext & { attempts?: PasswordAttempts },
  input: SignUpInput,
  policy: { open: boolean },
): Promise<SignedIn> {
  const t = sampleTime(ctx.clock.now(), assertTimeZone(input.timeZone));
  // The owner's password is checked (or hashed) before the one transaction begins: argon2
  // takes a while and needs no lock.
  const proven = await prepareSignUp(ctx, input, policy);
  // One transaction for the whole story: the sample is all there or not at all, and SQLite
  // syncs to disk once rather than after each of its hundreds of use cases. The use cases' own
  // transactions run inside it. The story's writes happen now with past clocks; before it
  // commits, the store records each deal's momentum as it stands now, like any write's, and
  // momentumHistory has recorded the days before.
  return ctx.runner.transaction(async (tx) => {
    const inOne: AppContext = {
      ...ctx,
      runner: { ...ctx.runner, executor: tx, transaction: (fn) => fn(tx) },
    };
    const founded = await completeSignUp(deps(inOne, t.clock(FOUNDED, '08:00')), tx, proven);
    await loadSampleWorkspace(inOne, founded.member, t);
    // The session opened at sign-up is dated with the story, long expired: sign in now.
    const session = await openSession(inOne, tx, founded.member);
    return { ...session, member: founded.member };
  });
}

async function loadSampleWorkspace(ctx: AppContext, owner: Member, t: SampleTime): Promise<void> {
  const ownerActor: Actor = {
    memberId: owner.id,
    workspaceId: owner.workspaceId,
    role: owner.role,
  };
  const actors = { owner: ownerActor } as Record<Who, Actor>;
  for (const member of TEAM) actors[member.who] = await join(ctx, t, ownerActor, member, owner);
  const s: Story = { ctx, t, actors, at: (offset, time) => deps(ctx, t.clock(offset, time)) };

  const setup = s.at(-30, '09:00');
  for (const a of ACCOUNTS) {
    await addAccount(setup, ownerActor, { name: a.name, domain: a.domain });
    await addContact(setup, ownerActor, { account: a.name, name: a.contact, title: a.title });
  }

  const contosoDeal = await contoso(s);
  const { woodgrove, litware } = await ownerDeals(s);
  await jordanDeals(s);
  await priyaDeals(s);
  await mayaDeals(s);

  await marchHistory(s, 'owner', [litware], [contosoDeal, woodgrove]);
  await marchHistory(s, 'jordan', []);
  await marchHistory(s, 'priya', []);
  await marchHistory(s, 'maya', []);
  const open = await ctx.deals.listVisible(ctx.runner.executor, ownerActor, { status: 'open' });
  await momentumHistory(s, owner.timeZone, open);
}
