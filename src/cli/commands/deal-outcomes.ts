import type { Command } from 'commander';
import {
  closeDeal,
  pauseDeal,
  type ClosedDeal,
  type OpenWork,
} from '../../core/deals/flows/close-deal.ts';
import { DomainError } from '../../core/kernel/errors.ts';
import { presentClosedDeal } from '../../contract/deals/deal-outcome.ts';
import { printJson } from '../output.ts';
import { dealIdFor, resolveCliActor, withContext } from '../runtime.ts';

const REASONS = 'not-interested, not-now, no-fit or other';

/** The options that say what closing or pausing does with the deal's open work. */
function withOpenWorkOptions(command: Command): Command {
  return command
    .option('--promises <choice>', 'open promises on the deal: keep (they stay on Today) or drop')
    .option('--next-step <choice>', 'the open next step: keep or drop')
    .option('--drop-reason <text>', 'why, when you drop either')
    .addHelpText(
      'after',
      `
A deal with open promises or a next step asks what to do with them: keep them, or drop them
with a reason, e.g. --promises drop --next-step drop --drop-reason "customer went with a competitor".`,
    );
}

const openWorkInput = (opts: { promises?: string; nextStep?: string; dropReason?: string }) => ({
  promises: opts.promises,
  nextStep: opts.nextStep,
  dropReason: opts.dropReason,
});

/** The refusal for undecided open work, in the CLI's own words (the options to pass). */
function askAboutOpenWork(error: unknown): never {
  if (
    error instanceof DomainError &&
    error.code === 'conflict' &&
    (error.details as Partial<OpenWork> | undefined)?.kind === 'open-work'
  ) {
    const work = error.details as OpenWork;
    const lines = [
      ...work.promises.map(
        (p) =>
          `  ${p.side === 'ours' ? 'we' : 'they'} promised: ${p.text}${p.due ? ` (due ${p.due})` : ''} [${p.id}]`,
      ),
      ...(work.nextStep
        ? [
            `  next step: ${work.nextStep.text} (${work.nextStep.due}${work.nextStep.time ? ` ${work.nextStep.time}` : ''})`,
          ]
        : []),
    ];
    const flags = [
      work.promises.length > 0 ? '--promises keep|drop' : null,
      work.nextStep ? '--next-step keep|drop' : null,
    ].filter(Boolean);
    throw new DomainError(
      'conflict',
      `${error.message}\n${lines.join('\n')}\nSay it with ${flags.join(' and ')} (and --drop-reason TEXT to drop).`,
    );
  }
  throw error;
}

const list = (value: string | undefined) =>
  value
    ? value
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : undefined;

function report(c: ClosedDeal, json: boolean): void {
  if (json) {
    printJson(presentClosedDeal(c));
    return;
  }
  const o = c.outcome;
  const why = o.reason ? ` (${o.reason})` : '';
  const when = o.reEngageOn ? `; back on Today on ${o.reEngageOn}` : '';
  process.stdout.write(`Deal "${c.deal.title}" is ${o.outcome}${why}${when}.\n`);
  if (o.lesson) process.stdout.write(`Lesson kept: ${o.lesson}\n`);
}

/** `deal close` and `deal pause`, on the existing `deal` command group. */
export function registerDealOutcomeCommands(program: Command): void {
  const deal = program.commands.find((c) => c.name() === 'deal');
  if (!deal) throw new Error('register the deal commands before their outcomes');

  withOpenWorkOptions(deal.command('close'))
    .description('Close a deal as won or lost, with the reason and the lesson')
    .argument('<deal>', 'deal id, or a unique part of its title or account name')
    .option('--won', 'the deal was won')
    .option('--lost', 'the deal was lost')
    .option('--reason <reason>', `why it was lost: ${REASONS}`)
    .option('--lesson <text>', 'what it taught (kept for insights)')
    .option(
      '--lesson-habits <list>',
      'habits the lesson is about: numbers or keys, e.g. 4,objections',
    )
    .option('--re-engage <date>', 'for a lost deal: when to try again, YYYY-MM-DD')
    .option('--json', 'print JSON')
    .action(async (id: string, opts, command: Command) => {
      if (Boolean(opts.won) === Boolean(opts.lost))
        throw new DomainError('validation', 'Say how it ended: --won or --lost.');
      await withContext(command, async (ctx) => {
        const actor = await resolveCliActor(ctx, command);
        const closed = await closeDeal(ctx, actor, await dealIdFor(ctx, actor, id), {
          result: opts.won ? 'won' : 'lost',
          reason: opts.reason,
          lesson: opts.lesson,
          lessonHabits: list(opts.lessonHabits),
          reEngageOn: opts.reEngage,
          ...openWorkInput(opts),
        }).catch(askAboutOpenWork);
        report(closed, Boolean(opts.json));
      });
    });

  withOpenWorkOptions(deal.command('pause'))
    .description('Pause an open deal until a date (not now); Today proposes it again then')
    .argument('<deal>', 'deal id, or a unique part of its title or account name')
    .requiredOption('--until <date>', 'when to pick it up again, YYYY-MM-DD')
    .option('--reason <reason>', `why: ${REASONS}`, 'not-now')
    .option('--lesson <text>', 'what it taught (kept for insights)')
    .option('--lesson-habits <list>', 'habits the lesson is about: numbers or keys')
    .option('--json', 'print JSON')
    .action(async (id: string, opts, command: Command) => {
      await withContext(command, async (ctx) => {
        const actor = await resolveCliActor(ctx, command);
        const paused = await pauseDeal(ctx, actor, await dealIdFor(ctx, actor, id), {
          until: opts.until,
          reason: opts.reason,
          lesson: opts.lesson,
          lessonHabits: list(opts.lessonHabits),
          ...openWorkInput(opts),
        }).catch(askAboutOpenWork);
        report(paused, Boolean(opts.json));
      });
    });
}
