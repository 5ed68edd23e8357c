import type { Command } from 'commander';
import { Temporal } from 'temporal-polyfill';
import {
  assertLead,
  assertTimeZone,
  invalidRegion,
  isValidRegion,
  MAX_LEAD_DAYS,
  parseWeekend,
  resolveMoment,
  validLocalDateTimeExamples,
  validRegionExamples,
  validTimeZoneExamples,
  validWeekendExamples,
} from '../../core/calendar/index.ts';
import { extractCommitments } from '../../core/extraction/index.ts';
import type { ExtractionContext, ExtractionResult } from '../../core/extraction/index.ts';
import { invalid } from '../../core/kernel/errors.ts';
import { formatTable } from '../output.ts';
import { pinnedNow, resolveCliActor, withContext } from '../runtime.ts';

/** The options `momentum extract` takes, as commander hands them over. */
export interface ExtractCliOptions {
  at: string;
  tz: string;
  region: string;
  lead?: string;
  weekend?: string;
  ours?: string;
  theirs?: string;
  json?: boolean;
}

/** Where the command reads and writes; tests pass their own. */
export interface ExtractIo {
  readStdin(): Promise<string>;
  isInteractive(): boolean;
  write(text: string): void;
}

const processIo: ExtractIo = {
  async readStdin() {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) {
      chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
    }
    return Buffer.concat(chunks).toString('utf8');
  },
  isInteractive: () => process.stdin.isTTY === true,
  write: (text) => process.stdout.write(text),
};

const names = (list: string | undefined) =>
  (list ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');

/** Checks the flags and turns them into an extraction context, with the valid forms on error. */
export function extractionContextFromOptions(opts: ExtractCliOptions): ExtractionContext {
  assertTimeZone(opts.tz, '--tz time zone');
  // resolveMoment reads both a local reading and an instant with an offset.
  try {
    resolveMoment(opts.at, opts.tz, '--at');
  } catch {
    throw invalid(`--at "${opts.at}" is not a date-time. Use ${validLocalDateTimeExamples()}.`);
  }
  if (!isValidRegion(opts.region)) {
    const e = invalidRegion(opts.region);
    throw invalid(`--region: ${e.message}`);
  }
  const leadText = opts.lead ?? '1';
  if (!/^\d+$/.test(leadText.trim())) {
    throw invalid(
      `--lead must be a whole number of business days from 0 to ${MAX_LEAD_DAYS}, got "${leadText}".`,
    );
  }
  const lead = assertLead(Number(leadText));
  let weekend: string[];
  try {
    weekend = parseWeekend(opts.weekend ?? 'sat,sun');
  } catch {
    throw invalid(`--weekend "${opts.weekend}" is not valid. Use ${validWeekendExamples()}.`);
  }
  return {
    at: opts.at,
    timeZone: opts.tz,
    region: opts.region,
    lead,
    weekend: weekend.join(','),
    ours: names(opts.ours),
    theirs: names(opts.theirs),
  };
}

const weekday = (iso: string) =>
  Temporal.PlainDate.from(iso).toLocaleString('en-US', { weekday: 'short' });

const when = (date: string | null, time: string | null) =>
  date === null ? 'no date' : `${weekday(date)} ${date}${time ? ` ${time}` : ''}`;

/** The human-readable report: an aligned table of the proposals, then the next step. */
export function formatExtraction(result: ExtractionResult): string {
  const lines: string[] = [];
  if (result.commitments.length === 0) {
    lines.push('No commitments found.');
  } else {
    const rows = result.commitments.map((c) => [
      c.side,
      when(c.due, c.dueTime),
      c.target === null ? '' : when(c.target, null),
      c.confidence.toFixed(2),
      c.text,
    ]);
    lines.push(`Commitments (${result.commitments.length})`);
    lines.push(formatTable(['side', 'due', 'target', 'conf', 'text'], rows));
    if (result.commitments.some((c) => c.due === null)) {
      lines.push('A commitment with no date needs one before it is saved.');
    }
  }
  const step = result.nextStep;
  lines.push('');
  lines.push(
    step === null
      ? 'Next step: none booked.'
      : `Next step: ${when(step.date, step.time)} — ${step.text}`,
  );
  return `${lines.join('\n')}\n`;
}

/** Runs extraction over the notes and returns what the command prints. */
export function runExtract(notes: string, opts: ExtractCliOptions): string {
  const result = extractCommitments(notes, extractionContextFromOptions(opts));
  return opts.json ? `${JSON.stringify(result, null, 2)}\n` : formatExtraction(result);
}

const HELP_AFTER = `
Reads call notes on stdin and proposes what was promised, by whom and by when, offline.
Each promise gets a due date resolved against the call's local date-time (--at, or now) and
an early target: the business day --lead business days before the due date, in your region's
calendar.

Examples:
  momentum extract --at 2026-11-24T10:00 --tz America/New_York --region US \\
      --ours "Alice,Mark" --theirs "Sarah,Jen,Acme" < notes.txt
  pbpaste | momentum extract --tz Europe/London --region GB-ENG --json    # a call just ended

Valid forms:
  --at      ${validLocalDateTimeExamples()}
  --tz      ${validTimeZoneExamples()}
  --region  ${validRegionExamples()}
  --weekend ${validWeekendExamples()}
`;

/**
 * The zone notes are read in when --tz is not given: the member's (the owner's, or --as EMAIL's)
 * when there is a database with a workspace, else this machine's. Extract never creates a
 * database to find out.
 */
/** The calendar `extract` reads dates in when a flag does not say: the member's, when the
 * database has a workspace, else this machine's zone and the product's defaults. */
interface CalendarDefaults {
  tz: string;
  region?: string;
  lead?: string;
  weekend?: string;
}

async function defaultCalendar(command: Command): Promise<CalendarDefaults> {
  const machine = Intl.DateTimeFormat().resolvedOptions().timeZone;
  try {
    return await withContext(command, async (ctx) => {
      const actor = await resolveCliActor(ctx, command);
      const member = await ctx.members.findById(
        ctx.runner.executor,
        actor.workspaceId,
        actor.memberId,
      );
      if (!member) return { tz: machine };
      return {
        tz: member.timeZone,
        region: member.region,
        lead: String(member.leadDays),
        weekend: member.weekend.length ? member.weekend.join(',') : 'none',
      };
    });
  } catch {
    // No database, no workspace, or none reachable: extract works offline.
    return { tz: machine };
  }
}

export function registerExtractCommand(program: Command, io: ExtractIo = processIo): void {
  program
    .command('extract')
    .description(
      'Propose the commitments and next step in call notes read from stdin (offline; no workspace needed)',
    )
    .option(
      '--at <date-time>',
      'when the call took place, local time, e.g. 2026-11-24T10:00 (default: now)',
    )
    .option(
      '--tz <zone>',
      'your IANA time zone, e.g. America/New_York (default: yours in the workspace, if there is one, else this machine’s)',
    )
    .option(
      '--region <code>',
      'your public-holiday region, e.g. US, US-CA, GB-ENG, DE-BY (default: yours in the workspace; needed without one)',
    )
    .option(
      '--lead <n>',
      'business days to deliver ahead of the due date (default: yours in the workspace, else 1)',
    )
    .option(
      '--weekend <days>',
      'your weekend days, e.g. sat,sun or fri,sat (default: yours in the workspace, else sat,sun)',
    )
    .option('--ours <names>', 'comma-separated names on our side, e.g. "Alice,Mark"')
    .option(
      '--theirs <names>',
      'comma-separated names and company on their side, e.g. "Sarah,Acme"',
    )
    .option('--json', 'print the result as JSON for scripts')
    .addHelpText('after', HELP_AFTER)
    .action(
      async (
        given: Omit<ExtractCliOptions, 'tz' | 'region' | 'at'> & {
          tz?: string;
          region?: string;
          at?: string;
        },
        command: Command,
      ) => {
        const mine =
          given.tz && given.region && given.lead && given.weekend
            ? { tz: given.tz }
            : await defaultCalendar(command);
        const region = given.region ?? mine.region;
        if (region === undefined)
          throw invalid(
            'Give your public-holiday region with --region, e.g. US, GB-ENG or DE-BY (there is no workspace to read it from).',
          );
        const opts: ExtractCliOptions = {
          ...given,
          // Notes are usually read right after the call: without --at, the call is now.
          at: given.at ?? (pinnedNow() ?? Temporal.Now.instant()).toString(),
          tz: given.tz ?? mine.tz,
          region,
          lead: given.lead ?? mine.lead,
          weekend: given.weekend ?? mine.weekend,
        };
        // Check the flags before waiting on input, so a typo fails at once.
        extractionContextFromOptions(opts);
        if (io.isInteractive()) {
          throw invalid(
            'extract reads the notes on stdin: pipe or redirect them, e.g. momentum extract --at 2026-11-24T10:00 --tz America/New_York --region US < notes.txt',
          );
        }
        io.write(runExtract(await io.readStdin(), opts));
      },
    );
}
