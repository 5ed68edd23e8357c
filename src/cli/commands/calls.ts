import fs from 'node:fs';
import { createInterface } from 'node:readline/promises';
import type { Readable, Writable } from 'node:stream';
import type { Command } from 'commander';
import { localDateOf, localDateTimeOf } from '../../core/calendar/index.ts';
import { formatDay } from '../../core/time/format.ts';
import { splitAttendeeList } from '../../core/calls/attendees.ts';
import {
  logCall,
  type ConfirmedCommitment,
  type LoggedCall,
} from '../../core/calls/flows/log-call.ts';
import { previewCall, type CallPreview } from '../../core/calls/preview-call.ts';
import { getCall, listCalls } from '../../core/calls/read-calls.ts';
import type { ExtractedCommitment } from '../../core/extraction/index.ts';
import type { MilestoneUpdate } from '../../core/plans/milestone-updates.ts';
import { parseIsoDate } from '../../core/time/dates.ts';
import { DomainError, invalid } from '../../core/kernel/errors.ts';
import { presentCall, presentLoggedCall } from '../../contract/calls/call.ts';
import { printJson, printTable } from '../output.ts';
import { resolveCliActor, resolveDealRef, withContext } from '../runtime.ts';
import { planFromFile } from './plans.ts';

const collect = (value: string, previous: string[]) => [...previous, value];
const splitList = (value: string) =>
  value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/** "--habit 2=done" and "--habit plan=partly" into { "2": "done", "plan": "partly" }. */
export function parseHabitFlags(flags: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const flag of flags) {
    const m = /^\s*([^=\s]+)\s*=\s*(\S+)\s*$/.exec(flag);
    if (!m)
      throw invalid(
        `--habit takes HABIT=STATE, e.g. --habit 2=done or --habit plan=partly; got "${flag}".`,
      );
    out[m[1]!] = m[2]!;
  }
  return out;
}

/** "--milestone m2=done", "--milestone m3=2026-12-10", "--milestone m4=none" (no date). */
export function parseMilestoneFlags(flags: readonly string[]): MilestoneUpdate[] {
  return flags.map((flag) => {
    const m = /^\s*([A-Za-z0-9_-]+)\s*=\s*(\S+)\s*$/.exec(flag);
    if (!m)
      throw invalid(
        `--milestone takes ID=STATE or ID=DATE, e.g. m2=done or m3=2026-12-10; got "${flag}".`,
      );
    const [, id, value] = m as unknown as [string, string, string];
    if (value === 'open' || value === 'done' || value === 'dropped') return { id, state: value };
    if (value === 'none') return { id, date: null };
    if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return { id, date: value };
    throw invalid(
      `--milestone ${id}= takes open, done, dropped, a date (YYYY-MM-DD) or none; got "${value}".`,
    );
  });
}

function describeProposal(c: ExtractedCommitment): string {
  const when = c.due
    ? ` — due ${c.due}${c.dueTime ? ` ${c.dueTime}` : ''}${c.target && c.target !== c.due ? `, target ${c.target}` : ''}`
    : ' — no date (Today will ask for one)';
  return `[${c.side}] ${c.text}${when}`;
}

export interface Prompter {
  ask(question: string): Promise<string>;
  say(line: string): void;
  close(): void;
}

export function terminalPrompter(input: Readable, output: Writable): Prompter {
  const rl = createInterface({ input, output, terminal: true });
  return {
    ask: (q) => rl.question(q),
    say: (line) => void output.write(`${line}\n`),
    close: () => rl.close(),
  };
}

async function choose(p: Prompter, question: string): Promise<'keep' | 'edit' | 'drop'> {
  for (;;) {
    const answer = (await p.ask(`${question} [K]eep, [e]dit or [d]rop? `)).trim().toLowerCase();
    if (answer === '' || answer === 'k' || answer === 'keep') return 'keep';
    if (answer === 'e' || answer === 'edit') return 'edit';
    if (answer === 'd' || answer === 'drop') return 'drop';
    p.say('Please answer k, e or d.');
  }
}

async function askDefault(p: Prompter, label: string, current: string): Promise<string> {
  const answer = (await p.ask(`  ${label} [${current}]: `)).trim();
  return answer === '' ? current : answer;
}

/**
 * Asks until the answer reads: `check` returns the value or a message saying what is expected.
 * A typo is caught at its question, not after every other question has been answered.
 */
async function askValid<T>(
  p: Prompter,
  label: string,
  current: string,
  check: (answer: string) => { value: T } | { error: string },
): Promise<T> {
  for (;;) {
    const checked = check(await askDefault(p, label, current));
    if ('value' in checked) return checked.value;
    p.say(`  ${checked.error}`);
  }
}

const sideAnswer = (answer: string) => {
  const side = answer.toLowerCase();
  if (side === 'ours' || side === 'theirs') return { value: side };
  return { error: `Please answer ours or theirs (got "${answer}").` };
};

/** A calendar date (or, where allowed, "none"). */
function dateAnswer(allowNone: boolean) {
  return (answer: string): { value: string | null } | { error: string } => {
    if (allowNone && answer.toLowerCase() === 'none') return { value: null };
    if (/^\d{4}-\d{2}-\d{2}$/.test(answer)) {
      try {
        return { value: parseIsoDate(answer).toString() };
      } catch {
        // not a real day: told below
      }
    }
    return {
      error: `Please give a date as YYYY-MM-DD, e.g. 2026-12-04${allowNone ? ', or none' : ''} (got "${answer}").`,
    };
  };
}

export interface Reviewed {
  commitments: ConfirmedCommitment[];
  nextStep: { text: string; date: string; time?: string | null } | null;
}

/**
 * Walks a person through the proposals one by one: keep, edit or drop each promise, then the
 * next step. Edits are taken as typed; the save validates them all.
 */
export async function reviewProposals(
  preview: CallPreview,
  p: Prompter,
  options: { askNextStep: boolean },
): Promise<Reviewed> {
  const { commitments, nextStep } = preview.proposals;
  const kept: ConfirmedCommitment[] = [];
  if (commitments.length === 0) p.say('No promises found in the notes.');
  for (const [i, c] of commitments.entries()) {
    p.say(`\nPromise ${i + 1} of ${commitments.length}: ${describeProposal(c)}`);
    p.say(`  from: "${c.sentence}"`);
    const choice = await choose(p, 'Save it?');
    if (choice === 'drop') continue;
    let edited = {
      side: c.side as string,
      text: c.text,
      due: c.due as string | null,
      dueTime: c.dueTime,
    };
    if (choice === 'edit') {
      const side = await askValid<string>(p, 'Side (ours/theirs)', c.side, sideAnswer);
      const text = await askValid<string>(p, 'What', c.text, (answer) =>
        answer ? { value: answer } : { error: 'Please say what was promised.' },
      );
      const due = await askValid(p, 'Due (YYYY-MM-DD or none)', c.due ?? 'none', dateAnswer(true));
      edited = { side, text, due, dueTime: due === c.due ? c.dueTime : null };
    }
    kept.push({ ...edited, sentence: c.sentence });
  }
  let step: Reviewed['nextStep'] = null;
  if (options.askNextStep && nextStep) {
    p.say(
      `\nNext step: ${nextStep.text}${nextStep.date ? ` on ${nextStep.date}${nextStep.time ? ` ${nextStep.time}` : ''}` : ' (no date)'}`,
    );
    const choice = await choose(p, 'Book it?');
    if (choice !== 'drop') {
      let text = nextStep.text;
      let date: string | null = nextStep.date ?? null;
      if (choice === 'edit') text = await askDefault(p, 'What', text);
      if (choice === 'edit' || !date)
        date = await askValid(p, 'Date (YYYY-MM-DD or none)', date ?? 'none', dateAnswer(true));
      if (date) step = { text, date, time: date === nextStep.date ? nextStep.time : null };
      else p.say('  A next step needs a date; not booked.');
    }
  }
  return { commitments: kept, nextStep: step };
}

function readNotes(file: string | undefined): string | null {
  if (file) {
    try {
      return fs.readFileSync(file === '-' ? 0 : file, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw invalid(
        code === 'ENOENT' ? `No notes file ${file}.` : `Cannot read ${file} (${code}).`,
      );
    }
  }
  return process.stdin.isTTY ? null : fs.readFileSync(0, 'utf8');
}

async function typeNotes(p: Prompter): Promise<string> {
  p.say('Type the call notes; end with a line holding only "." (or Ctrl-D).');
  const lines: string[] = [];
  for (;;) {
    let line: string;
    try {
      line = await p.ask('');
    } catch {
      break;
    }
    if (line.trim() === '.') break;
    lines.push(line);
  }
  return lines.join('\n');
}

/** "Tue 24 Nov 2026 10:00 America/New_York": a call's start on the wall clock where it was held. */
function localStart(startedAt: string, timeZone: string): string {
  const { date, time } = localDateTimeOf(startedAt, timeZone);
  return `${formatDay(date, date)} ${date.slice(0, 4)} ${time} ${timeZone}`;
}

function reportLogged(l: LoggedCall, dealTitle: string): void {
  const c = l.call;
  const out = [
    `Logged call ${c.id} on "${dealTitle}" at ${localStart(c.startedAt, c.timeZone)}${c.outcome ? `, ${c.outcome}${c.reason ? ` (${c.reason})` : ''}` : ''}.`,
  ];
  out.push(
    l.commitments.length
      ? `Saved ${l.commitments.length} promise${l.commitments.length === 1 ? '' : 's'}:`
      : 'No promises saved.',
  );
  for (const m of l.commitments) {
    out.push(
      `  ${m.side.padEnd(6)} ${m.text}${m.due ? ` — due ${m.due}, target ${m.target}` : ' — no date yet'} [${m.id}]`,
    );
  }
  if (l.nextStep)
    out.push(
      `Next step: ${l.nextStep.text} on ${l.nextStep.due}${l.nextStep.dueTime ? ` ${l.nextStep.dueTime}` : ''} [${l.nextStep.id}]`,
    );
  if (l.plan && !l.plan.unchanged)
    out.push(`Plan revision ${l.plan.revision.number}: ${l.plan.revision.summary}`);
  if (c.habits.length) {
    const done = c.habits.filter((h) => h.state === 'done').length;
    const partly = c.habits.filter((h) => h.state === 'partly').length;
    out.push(`Habits: ${done} done, ${partly} partly, of ${c.habits.length}.`);
  }
  if (c.lesson) out.push(`Lesson: ${c.lesson}`);
  process.stdout.write(`${out.join('\n')}\n`);
}

export function registerCallCommands(program: Command): void {
  const call = program.command('call').description('Sales calls: log one, see them');

  call
    .command('log')
    .description(
      'Log a call: reads the notes, proposes the promises and next step, and saves them with the call once confirmed',
    )
    .requiredOption('--deal <deal>', 'deal id, or a unique part of its title or account name')
    .option(
      '--at <when>',
      'when it started: local 2026-11-24T10:00 (in --tz, else your zone) or an ISO instant (default: now)',
    )
    .option('--tz <zone>', 'the zone the call was held in (default: yours)')
    .option(
      '--attendees <names>',
      'who was on it, comma-separated: members are ours, contacts theirs',
    )
    .option('--notes-file <file>', 'the notes ("-" or piped stdin also work)')
    .option(
      '--habit <habit=state>',
      'a habit checked: number or key = done, partly or no (repeatable)',
      collect,
      [],
    )
    .option('--outcome <outcome>', 'advanced, no-change or setback')
    .option(
      '--reason <reason>',
      'for a setback or no change: not-interested, not-now, no-fit, other',
    )
    .option('--next <text>', 'the next step agreed (replaces the one read from the notes)')
    .option('--next-at <date>', 'its date, YYYY-MM-DD or YYYY-MM-DDTHH:MM')
    .option('--lesson <text>', 'what this call taught')
    .option(
      '--lesson-habits <list>',
      'habits the lesson is about: numbers or keys, comma-separated',
    )
    .option(
      '--milestone <id=change>',
      'a plan milestone the call moved: ID=done|dropped|open|YYYY-MM-DD|none (repeatable)',
      collect,
      [],
    )
    .option(
      '--plan <file>',
      'a whole new plan (JSON, or "plan show --json" output edited) saved as a revision tied to this call',
    )
    .option('--yes', 'accept every proposal without asking')
    .option('--json', 'print JSON')
    .action(async (opts, command: Command) => {
      const interactive = !opts.yes;
      if (interactive && !process.stdin.isTTY) {
        throw new DomainError(
          'validation',
          'Stdin is not a terminal, so the proposals cannot be confirmed one by one: pass --yes to accept them all.',
        );
      }
      const habits = parseHabitFlags(opts.habit);
      const milestones = parseMilestoneFlags(opts.milestone);
      const plan = opts.plan ? planFromFile(opts.plan) : null;
      if (opts.nextAt && !/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2})?$/.test(opts.nextAt))
        throw invalid(`--next-at takes YYYY-MM-DD or YYYY-MM-DDTHH:MM, got "${opts.nextAt}".`);
      const out = opts.json ? process.stderr : process.stdout;
      const prompter = interactive ? terminalPrompter(process.stdin, out) : null;
      try {
        let notes = readNotes(opts.notesFile);
        if (notes === null) notes = prompter ? await typeNotes(prompter) : '';
        await withContext(command, async (ctx) => {
          const actor = await resolveCliActor(ctx, command);
          const setting = {
            dealId: (await resolveDealRef(ctx, actor, opts.deal)).id,
            at: opts.at ?? ctx.clock.now().toString(),
            timeZone: opts.tz,
            attendees: opts.attendees ? splitAttendeeList(opts.attendees) : [],
          };
          const preview = await previewCall(ctx, actor, { ...setting, notes });
          const chosen: Reviewed = prompter
            ? await reviewProposals(preview, prompter, { askNextStep: !opts.next })
            : {
                commitments: preview.proposals.commitments.map((c) => ({
                  side: c.side,
                  text: c.text,
                  due: c.due,
                  dueTime: c.dueTime,
                  sentence: c.sentence,
                })),
                nextStep:
                  preview.proposals.nextStep?.date && !opts.next
                    ? {
                        text: preview.proposals.nextStep.text,
                        date: preview.proposals.nextStep.date,
                        time: preview.proposals.nextStep.time,
                      }
                    : null,
              };
          // A call logged late may name a next step whose day has passed: that one is history.
          const today = localDateOf(ctx.clock.now(), preview.setting.owner.timeZone);
          if (!opts.next && !opts.nextAt && chosen.nextStep && chosen.nextStep.date < today) {
            out.write(
              `The next step "${chosen.nextStep.text}" was for ${chosen.nextStep.date}, already past; not booked.\n`,
            );
            chosen.nextStep = null;
          }
          let nextStep = chosen.nextStep;
          if (opts.next || opts.nextAt) {
            const text = opts.next ?? chosen.nextStep?.text ?? preview.proposals.nextStep?.text;
            if (!text) throw invalid('--next-at needs --next TEXT: the notes name no next step.');
            if (!opts.nextAt && !chosen.nextStep?.date)
              throw invalid('--next needs --next-at DATE: a next step is booked on a day.');
            const [date, time] = opts.nextAt
              ? String(opts.nextAt).split('T')
              : [chosen.nextStep!.date];
            nextStep = { text, date: date!, time: time ?? null };
          } else if (!prompter && preview.proposals.nextStep && !preview.proposals.nextStep.date) {
            out.write(
              `The notes name a next step with no date ("${preview.proposals.nextStep.text}"); not booked. Pass --next-at DATE to book it.\n`,
            );
          }
          const logged = await logCall(ctx, actor, {
            ...setting,
            notes,
            habits,
            outcome: opts.outcome,
            reason: opts.reason,
            lesson: opts.lesson,
            lessonHabits: opts.lessonHabits ? splitList(opts.lessonHabits) : [],
            commitments: chosen.commitments,
            nextStep,
            milestones,
            plan,
          });
          if (opts.json) printJson(presentLoggedCall(logged));
          else reportLogged(logged, preview.setting.deal.title);
        });
      } finally {
        prompter?.close();
      }
    });

  call
    .command('show')
    .description('Show one call')
    .argument('<id>', 'call id')
    .option('--json', 'print JSON')
    .action(async (id: string, opts, command: Command) => {
      await withContext(command, async (ctx) => {
        const c = await getCall(ctx, await resolveCliActor(ctx, command), id);
        if (opts.json) return printJson(presentCall(c));
        const lines = [
          `Call ${c.id} on deal ${c.dealId}, ${localStart(c.startedAt, c.timeZone)}`,
          `Outcome: ${c.outcome ?? 'not recorded'}${c.reason ? ` (${c.reason})` : ''}`,
          `Attendees: ${c.attendees.map((a) => `${a.name} (${a.side})`).join(', ') || 'none listed'}`,
          `Habits: ${c.habits.length ? c.habits.map((h) => h.state).join(' ') : 'no checklist'}`,
          ...(c.lesson ? [`Lesson: ${c.lesson}`] : []),
          '',
          c.notes || '(no notes)',
        ];
        process.stdout.write(`${lines.join('\n')}\n`);
      });
    });

  call
    .command('list')
    .description('Calls, newest first: a deal’s, or on every deal you may see')
    .option(
      '--deal <deal>',
      'only this deal’s (its id, or a unique part of its title or account name)',
    )
    .option('--limit <n>', 'how many at most (1 to 200)', '50')
    .option('--json', 'print JSON')
    .action(async (opts, command: Command) => {
      await withContext(command, async (ctx) => {
        const actor = await resolveCliActor(ctx, command);
        const deal = opts.deal ? await resolveDealRef(ctx, actor, opts.deal) : null;
        const calls = await listCalls(ctx, actor, {
          ...(deal && { dealId: deal.id }),
          limit: Number(opts.limit),
        });
        if (opts.json) return printJson(calls.map(presentCall));
        printTable(
          ['ID', 'STARTED (LOCAL)', ...(deal ? [] : ['DEAL']), 'OUTCOME', 'ATTENDEES', 'LESSON'],
          calls.map((c) => [
            c.id,
            localStart(c.startedAt, c.timeZone),
            ...(deal ? [] : [c.dealId]),
            c.outcome ? `${c.outcome}${c.reason ? ` (${c.reason})` : ''}` : '',
            c.attendees.map((a) => a.name).join(', '),
            c.lesson ?? '',
          ]),
          `No calls yet. Log one: momentum call log --deal ${deal?.id ?? 'DEAL'} --notes-file notes.txt`,
        );
      });
    });
}
