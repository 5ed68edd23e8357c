import { describe, expect, it } from 'vitest';
import { COMMANDS, buildProgram, commandNamed } from '../../src/cli/main.ts';

describe('the lazy command table', () => {
  it('names every top-level command with the summary its module registers', async () => {
    const program = await buildProgram();
    const registered = program.commands.map((c) => [c.name(), c.description()]);
    expect(registered).toEqual(expect.arrayContaining(COMMANDS.map((c) => [c.name, c.summary])));
    expect(registered.map(([name]) => name).sort()).toEqual(COMMANDS.map((c) => c.name).sort());
  });

  it('loads only the asked-for command, and lists the rest by name for help', async () => {
    const program = await buildProgram(['--db', 'x.db', 'today', '--json']);
    const today = program.commands.find((c) => c.name() === 'today')!;
    expect(today.options.map((o) => o.long)).toContain('--json');
    const deal = program.commands.find((c) => c.name() === 'deal')!;
    expect(deal.commands).toEqual([]);
    expect(program.commands.map((c) => c.name()).sort()).toEqual(
      COMMANDS.map((c) => c.name).sort(),
    );
  });

  it.each([
    [['today', '--json'], 'today'],
    [['--db', 'deal', 'deal', 'list'], 'deal'],
    [['--as', 'a@b.test', '--workspace-id', 'ws_1', 'commit', 'list'], 'commit'],
    [['--db=x.db', 'touch'], 'touch'],
    [['help', 'plan'], 'plan'],
    [['help'], 'help'],
    [['--help'], undefined],
    [[], undefined],
  ])('finds the command in %j', (args, name) => {
    expect(commandNamed(args)).toBe(name);
  });
});
