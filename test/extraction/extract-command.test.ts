import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { Temporal } from 'temporal-polyfill';
import { registerExtractCommand } from '../../src/cli/commands/extract.ts';
import { useCliClock } from '../../src/cli/runtime.ts';
import type { ExtractIo } from '../../src/cli/commands/extract.ts';

const NOTES = [
  'Discovery call with Sarah (Acme).',
  "I'll send the pricing sheet by Friday and Sarah will introduce us to their CFO early next week.",
  'Next meeting Dec 3 at 2pm.',
].join('\n');

async function run(args: string[], stdin = NOTES, interactive = false) {
  let out = '';
  const io: ExtractIo = {
    readStdin: async () => stdin,
    isInteractive: () => interactive,
    write: (text) => {
      out += text;
    },
  };
  const program = new Command('momentum').exitOverride().configureOutput({
    writeOut: (s) => (out += s),
    writeErr: (s) => (out += s),
  });
  registerExtractCommand(program, io);
  program.commands.forEach((c) => c.exitOverride());
  await program.parseAsync(['node', 'momentum', 'extract', ...args]);
  return out;
}

const BASE = ['--at', '2026-11-24T10:00', '--tz', 'America/New_York', '--region', 'US'];

describe('momentum extract', () => {
  it('prints the JSON shape for scripts', async () => {
    const out = await run([
      ...BASE,
      '--ours',
      'Alice,Mark',
      '--theirs',
      'Sarah,Jen,Acme',
      '--json',
    ]);
    const parsed = JSON.parse(out);
    expect(Object.keys(parsed)).toEqual(['commitments', 'nextStep']);
    expect(parsed.commitments).toHaveLength(2);
    expect(Object.keys(parsed.commitments[0])).toEqual([
      'side',
      'text',
      'due',
      'dueTime',
      'target',
      'sentence',
      'confidence',
    ]);
    expect(
      parsed.commitments.map((c: { side: string; due: string; target: string }) => [
        c.side,
        c.due,
        c.target,
      ]),
    ).toEqual([
      ['ours', '2026-11-27', '2026-11-25'],
      ['theirs', '2026-11-30', '2026-11-27'],
    ]);
    expect(parsed.nextStep).toEqual({ text: 'Next meeting', date: '2026-12-03', time: '14:00' });
    expect(out).toBe(`${JSON.stringify(parsed, null, 2)}\n`);
  });

  it('prints an aligned table and the next step by default', async () => {
    const out = await run(BASE);
    expect(out).toContain('side    due             target          conf  text');
    expect(out).toContain('ours    Fri 2026-11-27  Wed 2026-11-25');
    expect(out).toContain('send the pricing sheet');
    expect(out).toContain('Next step: Thu 2026-12-03 14:00 — Next meeting');
  });

  it('says so when there is nothing to propose', async () => {
    const out = await run(BASE, 'They use Salesforce. Budget is tight.');
    expect(out).toContain('No commitments found.');
    expect(out).toContain('Next step: none booked.');
  });

  it('uses the member calendar: region, weekend and lead', async () => {
    const de = JSON.parse(
      await run([
        '--at',
        '2026-11-24T10:00',
        '--tz',
        'Europe/Berlin',
        '--region',
        'DE',
        '--lead',
        '2',
        '--json',
      ]),
    );
    expect(de.commitments[0].target).toBe('2026-11-25');
    const gulf = JSON.parse(
      await run(
        [
          '--at',
          '2026-11-26T11:00',
          '--tz',
          'Asia/Riyadh',
          '--region',
          'SA',
          '--weekend',
          'fri,sat',
          '--json',
        ],
        "I'll send it by Sunday.",
      ),
    );
    expect(gulf.commitments[0]).toMatchObject({ due: '2026-11-29', target: '2026-11-26' });
  });

  it.each([
    [
      ['--at', '2026-11-24T10:00', '--tz', 'Mars/Olympus', '--region', 'US'],
      /--tz time zone "Mars\/Olympus".*America\/New_York/,
    ],
    [['--at', 'tomorrow', '--tz', 'UTC', '--region', 'US'], /--at "tomorrow".*2026-11-24T10:00/],
    [
      ['--at', '2026-11-24T10:00', '--tz', 'UTC', '--region', 'XX'],
      /--region: Unknown region "XX".*GB-ENG/,
    ],
    [[...BASE, '--lead', 'two'], /--lead must be a whole number/],
    [[...BASE, '--weekend', 'funday'], /--weekend "funday".*fri,sat/],
  ])('refuses bad flags with the valid forms: %j', async (args, message) => {
    await expect(run(args)).rejects.toThrow(message);
  });

  it('reads the notes as of now when --at is not given', async () => {
    const rest = ['--tz', 'America/New_York', '--region', 'US', '--json'];
    const at = async (instant: string) => {
      const restore = useCliClock({ now: () => Temporal.Instant.from(instant) });
      try {
        return await run(rest);
      } finally {
        restore();
      }
    };
    // 15:00 UTC is 10:00 in New York: the same call as --at 2026-11-24T10:00.
    const now = await at('2026-11-24T15:00:00Z');
    expect(now).toBe(await run(['--at', '2026-11-24T10:00', ...rest]));
    // A week later, "by Friday" is another Friday.
    expect(await at('2026-12-01T15:00:00Z')).not.toBe(now);
  });

  it('asks for the notes on stdin instead of waiting on a terminal', async () => {
    await expect(run(BASE, '', true)).rejects.toThrow(/stdin/);
  });

  it('documents itself', () => {
    const program = new Command('momentum');
    registerExtractCommand(program);
    const command = program.commands[0]!;
    let help = '';
    command.configureOutput({ writeOut: (s) => (help += s) });
    command.outputHelp();
    expect(help).toContain('Propose the commitments');
    expect(help).toContain('--at <date-time>');
    expect(help).toContain('--region <code>');
    expect(help).toContain('Valid forms:');
    expect(help).toContain('GB-ENG');
  });
});
