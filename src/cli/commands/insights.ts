import type { Command } from 'commander';
import { getInsights } from '../../core/insights/get-insights.ts';
import type { Insights, MarchDay, WinRecord } from '../../core/insights/types.ts';
import { presentInsights } from '../../contract/insights/insights.ts';
import { formatTable, printJson } from '../output.ts';
import { resolveCliActor, withContext } from '../runtime.ts';

const pct = (share: number | null) => (share === null ? '—' : `${Math.round(share * 100)}%`);
const record = (r: WinRecord) => `${r.won}/${r.won + r.lost} ${pct(r.winRate)}`;
const counts = (c: Record<string, number>) =>
  Object.entries(c)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${k} ${n}`)
    .join(', ') || 'none';

/** One character per business day: _ under the floor, = in the band, ^ over the ceiling. */
function strip(days: readonly MarchDay[]): string {
  return days
    .filter((d) => d.band)
    .map((d) => (d.band === 'stall' ? '_' : d.band === 'rush' ? '^' : '='))
    .join('');
}

function section(title: string, body: string): string {
  return `${title}\n${body}\n`;
}

export function formatInsights(i: Insights): string {
  const name = new Map(i.members.map((m) => [m.id, m.name]));
  const who = (id: string) => name.get(id) ?? id;
  const out: string[] = [
    `Insights for ${i.members.length === 1 ? i.members[0]!.name : `${i.members.length} members`}, ${i.from} to ${i.to}\n`,
  ];
  out.push(
    section(
      'Promises kept (ours), per ISO week',
      i.promiseKeeping.length
        ? formatTable(
            ['MEMBER', 'WEEK', 'EARLY', 'ON TIME', 'LATE', 'EARLY SHARE'],
            i.promiseKeeping.map((p) => [
              who(p.memberId),
              p.week,
              p.early,
              p.onTime,
              p.late,
              pct(p.earlyShare),
            ]),
          )
        : 'No promises kept in the period.',
    ),
  );
  out.push(
    section(
      'The march (business days against the floor–ceiling band; _ stall, = on, ^ rush)',
      i.march.summary.length
        ? formatTable(
            ['MEMBER', 'DAYS', 'ON', 'STALL', 'RUSH', 'TOUCHES', 'DAY BY DAY'],
            i.march.summary.map((s) => [
              who(s.memberId),
              s.businessDays,
              s.on,
              s.stall,
              s.rush,
              s.touches,
              strip(i.march.days.filter((d) => d.memberId === s.memberId)),
            ]),
          )
        : 'No business days in the period yet.',
    ),
  );
  out.push(
    section(
      'Habits: calls where practised, and closed deals won with / without (won/closed, rate)',
      formatTable(
        ['#', 'HABIT', 'DONE', 'PARTLY', 'NO', 'WITH', 'WITHOUT'],
        i.habits.map((h) => [
          h.position,
          h.name,
          h.calls.done,
          h.calls.partly,
          h.calls.no,
          record(h.practiced),
          record(h.notPracticed),
        ]),
      ),
    ),
  );
  const o = i.outcomes;
  out.push(
    section(
      'Outcomes',
      [
        `Calls: ${counts(o.calls)}; why they went nowhere: ${counts(o.callReasons)}`,
        `Deals: ${counts(o.deals)}; lost because: ${counts(o.lossReasons)}; paused because: ${counts(o.pauseReasons)}`,
      ].join('\n'),
    ),
  );
  out.push(
    section(
      'Lessons',
      i.lessons.length
        ? formatTable(
            ['DATE', 'FROM', 'DEAL', 'LESSON', 'HABITS'],
            i.lessons.map((l) => [
              l.at.slice(0, 10),
              l.source,
              l.dealTitle,
              l.text,
              l.habits.join(', '),
            ]),
          )
        : 'No lessons in the period.',
    ),
  );
  out.push(
    section(
      'Neglected deals per week (as of its last day)',
      i.neglect.length
        ? formatTable(
            [
              'WEEK',
              'AS OF',
              'OPEN',
              'NEGLECTED',
              'NO TOUCH',
              'NO NEXT STEP',
              'OURS OVERDUE',
              'THEIRS UNCHASED',
            ],
            i.neglect.map((n) => [
              n.week,
              n.asOf,
              n.open,
              n.neglected,
              n.reasons['no-touch'],
              n.reasons['no-next-step'],
              n.reasons['overdue-ours'],
              n.reasons['unchased-theirs'],
            ]),
          )
        : 'Nothing to count yet.',
    ),
  );
  out.push(
    section(
      'Momentum (weekly mean of the recorded daily scores)',
      i.momentum.length
        ? formatTable(
            ['WEEK', 'AVERAGE', 'DEALS'],
            i.momentum.map((m) => [m.week, m.average, m.deals]),
          )
        : 'No scores recorded in the period.',
    ),
  );
  return out.join('\n');
}

export function registerInsightsCommand(program: Command): void {
  program
    .command('insights')
    .description(
      'Promise keeping, the march, habits and win rates, outcomes and reasons, lessons, neglect and momentum',
    )
    .option('--from <date>', 'first day, YYYY-MM-DD (default: 12 weeks before --to)')
    .option('--to <date>', 'last day, YYYY-MM-DD (default: today)')
    .option('--member <email>', 'one member (default: you; the whole team for owners and managers)')
    .option('--json', 'print JSON')
    .action(async (opts, command: Command) => {
      await withContext(command, async (ctx) => {
        const insights = await getInsights(ctx, await resolveCliActor(ctx, command), {
          ...(opts.from && { from: opts.from }),
          ...(opts.to && { to: opts.to }),
          ...(opts.member && { member: opts.member }),
        });
        if (opts.json) printJson(presentInsights(insights));
        else process.stdout.write(formatInsights(insights));
      });
    });
}
