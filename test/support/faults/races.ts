/*
 * Two servers on one database, two requests at the same moment, one per server, for each
 * unique key a client can race for through the API, and for "one open next step per deal":
 *
 *   accounts       two POST /accounts with the same name        one 201, one 409
 *   sign-up        two POST /auth/signup with the same e-mail   one 201, one 409
 *   plan revision  two PUT /deals/:id/plan from the same base   one 201, one 409
 *   next step      two POST /deals/:id/next-step                both 201, one open step left
 *
 * A round is bad when it answers anything else (a 5xx above all), or leaves two open steps.
 */
import { sql } from 'kysely';
import { contextFor } from '../../../src/app/context.ts';
import { createApiToken } from '../../../src/core/auth/flows/api-tokens.ts';
import { initWorkspace } from '../../../src/core/workspaces/flows/init-workspace.ts';
import { buildServer } from '../../../src/http/server.ts';
import type { DatabaseConfig } from '../../../src/storage/connection/config.ts';
import { openStore, type Store } from '../../../src/storage/connection/open.ts';

export type RaceKey = 'accounts' | 'sign-up' | 'plan revision' | 'next step';

export interface RaceResult {
  key: RaceKey;
  rounds: number;
  /** Rounds that did not end as they must (see above). */
  bad: number;
  /** Every answer, by status. */
  statuses: Record<string, number>;
  /** For the next step: rounds that left more than one open step. */
  twoOpen: number;
}

type Server = Awaited<ReturnType<typeof buildServer>>;

interface Answer {
  status: number;
  problem: boolean;
  body: Record<string, unknown>;
}

async function send(
  app: Server,
  method: string,
  url: string,
  token: string | null,
  body?: unknown,
) {
  const r = await app.inject({
    method: method as 'POST',
    url,
    headers: token ? { authorization: `Bearer ${token}` } : {},
    ...(body !== undefined && { payload: body as object }),
  });
  return {
    status: r.statusCode,
    problem: String(r.headers['content-type']).startsWith('application/problem+json'),
    body: r.body ? (JSON.parse(r.body) as Record<string, unknown>) : {},
  } satisfies Answer;
}

/** One 201 and one 409 problem. */
const oneWins = (a: Answer, b: Answer) => {
  const [first, second] = [a, b].sort((x, y) => x.status - y.status);
  return first!.status === 201 && second!.status === 409 && second!.problem;
};

export async function races(config: DatabaseConfig, rounds: number): Promise<RaceResult[]> {
  const stores: Store[] = [await openStore(config), await openStore(config)];
  await stores[0]!.migrateToLatest();
  const ctx = contextFor(stores[0]!);
  const { owner } = await initWorkspace(ctx, {
    workspace: 'Races',
    name: 'Rae Racer',
    email: `owner-${Date.now()}@races.test`,
    timeZone: 'UTC',
    region: 'US',
    weekend: 'sat,sun',
  });
  const actor = { memberId: owner.id, workspaceId: owner.workspaceId, role: owner.role };
  const { secret: token } = await createApiToken(ctx, actor, { name: 'races' });
  const apps = await Promise.all(
    stores.map((store) =>
      buildServer(contextFor(store), {
        openSignup: true,
        requestsPerMinute: 1_000_000,
        authRequestsPerMinute: 1_000_000,
      }),
    ),
  );
  const [a, b] = apps as [Server, Server];
  const results: RaceResult[] = [];
  const record = (key: RaceKey) => {
    const r: RaceResult = { key, rounds, bad: 0, statuses: {}, twoOpen: 0 };
    results.push(r);
    return (answers: Answer[], ok: boolean) => {
      for (const x of answers) r.statuses[x.status] = (r.statuses[x.status] ?? 0) + 1;
      if (!ok) r.bad++;
      return r;
    };
  };
  const tag = Date.now().toString(36);

  try {
    const accounts = record('accounts');
    for (let i = 0; i < rounds; i++) {
      const name = { name: `Race ${tag} ${i}` };
      const [x, y] = await Promise.all([
        send(a, 'POST', '/api/v1/accounts', token, name),
        send(b, 'POST', '/api/v1/accounts', token, name),
      ]);
      accounts([x, y], oneWins(x, y));
    }

    const signUp = record('sign-up');
    for (let i = 0; i < rounds; i++) {
      const body = {
        workspace: `Race ${i}`,
        email: `race-${tag}-${i}@races.test`,
        password: 'plum tractor quietly sings',
        name: 'Sam Signup',
        timeZone: 'UTC',
        region: 'US',
      };
      const [x, y] = await Promise.all([
        send(a, 'POST', '/api/v1/auth/signup', null, body),
        send(b, 'POST', '/api/v1/auth/signup', null, body),
      ]);
      signUp([x, y], oneWins(x, y));
    }

    // Deals to race on, one per round.
    const account = await send(a, 'POST', '/api/v1/accounts', token, { name: `Deals ${tag}` });
    const deals: string[] = [];
    for (let i = 0; i < rounds; i++) {
      const d = await send(a, 'POST', '/api/v1/deals', token, {
        account: String(account.body.id),
        title: `Race deal ${i}`,
      });
      deals.push(String(d.body.id));
    }

    const plans = record('plan revision');
    for (const id of deals) {
      const plan = (objective: string) => ({
        base: 0,
        document: { objective, decisionProcess: '', people: [], milestones: [], risks: [] },
      });
      const [x, y] = await Promise.all([
        send(a, 'PUT', `/api/v1/deals/${id}/plan`, token, plan('Win it this quarter')),
        send(b, 'PUT', `/api/v1/deals/${id}/plan`, token, plan('Win it next quarter')),
      ]);
      plans([x, y], oneWins(x, y));
    }

    const steps = record('next step');
    for (const id of deals) {
      const [x, y] = await Promise.all([
        send(a, 'POST', `/api/v1/deals/${id}/next-step`, token, { at: '2099-01-05', text: 'Demo' }),
        send(b, 'POST', `/api/v1/deals/${id}/next-step`, token, { at: '2099-01-06', text: 'Call' }),
      ]);
      const open = await sql<{ n: number }>`
        select count(*) as n from next_steps where deal_id = ${id} and state = 'open'`.execute(
        stores[0]!.db,
      );
      const openCount = Number(open.rows[0]!.n);
      const r = steps([x, y], x.status === 201 && y.status === 201 && openCount === 1);
      if (openCount > 1) r.twoOpen++;
    }
  } finally {
    for (const app of apps) await app.close();
    for (const store of stores) await store.close();
  }
  return results;
}

export function describeRace(r: RaceResult): string {
  return `race on ${r.key}: ${r.bad} of ${r.rounds} rounds wrong${r.key === 'next step' ? ` (${r.twoOpen} left two open steps)` : ''}; answers ${JSON.stringify(r.statuses)}`;
}
