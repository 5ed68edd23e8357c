import { describe, expect, it } from 'vitest';
import { DEFAULT_HABITS } from './default-habits.ts';
import { planPlaybookChanges } from './plan-changes.ts';
import type { Habit } from './ports.ts';
import { keyFromName, parsePlaybook, playbookVersion, resolveHabit } from './validation.ts';

const stored: Habit[] = DEFAULT_HABITS.map((h, i) => ({
  id: `hb_${i + 1}`,
  workspaceId: 'ws_1',
  position: i + 1,
  version: 1,
  removedAt: null,
  ...h,
}));
const NOW = '2026-11-24T15:00:00.000Z';

describe('the default playbook', () => {
  it('has ten habits: the plan second and momentum last', () => {
    expect(DEFAULT_HABITS).toHaveLength(10);
    expect(DEFAULT_HABITS[1]!.key).toBe('plan');
    expect(DEFAULT_HABITS[9]!.key).toBe('momentum');
    expect(new Set(DEFAULT_HABITS.map((h) => h.key)).size).toBe(10);
  });
});

describe('parsePlaybook', () => {
  it('reads a list or what "playbook --json" prints, deriving keys from names', () => {
    expect(parsePlaybook([{ name: 'Qualify Budget & Timing!' }])).toEqual([
      { key: 'qualify-budget-timing', keyGiven: false, name: 'Qualify Budget & Timing!' },
    ]);
    expect(
      parsePlaybook({
        habits: [{ id: 'hb_1', position: 1, key: 'prep', name: 'Prep', description: ' d ' }],
      }),
    ).toEqual([{ id: 'hb_1', key: 'prep', keyGiven: true, name: 'Prep', description: 'd' }]);
    expect(keyFromName('  Éclair  Time ')).toBe('eclair-time');
  });

  it.each([
    { value: {}, message: /list of habits/ },
    { value: [], message: /at least one habit/ },
    { value: Array.from({ length: 31 }, (_, i) => ({ name: `h${i}` })), message: /at most 30/ },
    { value: [{ name: 'A', colour: 'red' }], message: /unknown field "colour"/ },
    { value: [{ name: '   ' }], message: /must not be empty/ },
    { value: [{ name: 'A', key: 'Big Key' }], message: /lowercase letters/ },
    { value: [{ name: 'A', key: '7' }], message: /must not be a number/ },
  ])('refuses $message', ({ value, message }) => {
    expect(() => parsePlaybook(value)).toThrow(message);
  });
});

describe('planPlaybookChanges', () => {
  const keys = (list: { key: string }[]) => list.map((h) => h.key);

  it('renames and reorders in place, keeping ids', () => {
    const wanted = parsePlaybook([
      { key: 'plan', name: 'Write the plan' },
      ...DEFAULT_HABITS.filter((h) => h.key !== 'plan').map((h) => ({ key: h.key, name: h.name })),
    ]);
    const { added, changed } = planPlaybookChanges(stored, wanted, NOW);
    expect(added).toEqual([]);
    expect(changed.find((c) => c.habit.key === 'plan')!.patch).toEqual({
      position: 1,
      name: 'Write the plan',
    });
    expect(changed.find((c) => c.habit.key === 'prepare')!.patch).toEqual({ position: 2 });
    expect(changed.filter((c) => c.patch.removedAt)).toEqual([]);
  });

  it('adds new habits and retires those left out', () => {
    const wanted = parsePlaybook([
      { key: 'prepare', name: 'Do your homework' },
      { name: 'Send a video recap' },
    ]);
    const { added, changed } = planPlaybookChanges(stored, wanted, NOW);
    expect(added).toEqual([
      { key: 'send-a-video-recap', keyGiven: false, name: 'Send a video recap', position: 2 },
    ]);
    expect(keys(changed.filter((c) => c.patch.removedAt === NOW).map((c) => c.habit))).toEqual(
      keys(DEFAULT_HABITS.slice(1)),
    );
  });

  it('brings a retired habit back by its key, with its id', () => {
    const retired = stored.map((h) => (h.key === 'listen' ? { ...h, removedAt: NOW } : h));
    const wanted = parsePlaybook(DEFAULT_HABITS.map((h) => ({ key: h.key, name: h.name })));
    const { added, changed } = planPlaybookChanges(retired, wanted, NOW);
    expect(added).toEqual([]);
    expect(changed).toEqual([{ habit: retired[4], patch: { removedAt: null } }]);
  });

  it('keeps the key of a habit named by id and renamed, unless a key is written', () => {
    const wanted = parsePlaybook([
      { id: 'hb_2', name: 'Write the plan' },
      { id: 'hb_1', key: 'prep', name: 'Prep' },
    ]);
    const { changed } = planPlaybookChanges(stored, wanted, NOW);
    expect(changed.find((c) => c.habit.id === 'hb_2')!.patch).toEqual({
      position: 1,
      name: 'Write the plan',
    });
    expect(changed.find((c) => c.habit.id === 'hb_1')!.patch).toEqual({
      position: 2,
      key: 'prep',
      name: 'Prep',
    });
  });

  it('refuses two habits with one key', () => {
    expect(() =>
      planPlaybookChanges(stored, parsePlaybook([{ name: 'Listen' }, { name: 'listen' }]), NOW),
    ).toThrow(/Habits 1 and 2 have the same key "listen"/);
    expect(() =>
      planPlaybookChanges(
        stored,
        parsePlaybook([
          { id: 'hb_2', name: 'X' },
          { key: 'plan', name: 'Y' },
        ]),
        NOW,
      ),
    ).toThrow(/same key "plan"/);
  });

  it('refuses an unknown id, the same habit twice, and a retired habit’s key on another', () => {
    expect(() =>
      planPlaybookChanges(stored, parsePlaybook([{ id: 'hb_99', name: 'X' }]), NOW),
    ).toThrow(/not a habit of this workspace/);
    expect(() =>
      planPlaybookChanges(
        stored,
        parsePlaybook([
          { key: 'plan', name: 'A' },
          { id: 'hb_2', key: 'plan2', name: 'B' },
        ]),
        NOW,
      ),
    ).toThrow(/already listed/);
    const retired = stored.map((h) => (h.key === 'listen' ? { ...h, removedAt: NOW } : h));
    expect(() =>
      planPlaybookChanges(
        retired,
        parsePlaybook([{ id: 'hb_1', key: 'listen', name: 'Prep' }]),
        NOW,
      ),
    ).toThrow(/belongs to the retired habit/);
  });
});

describe('resolveHabit and playbookVersion', () => {
  it.each([
    { ref: 2, key: 'plan' },
    { ref: '10', key: 'momentum' },
    { ref: 'Objections', key: 'objections' },
    { ref: 'hb_4', key: 'discover' },
  ])('$ref → $key', ({ ref, key }) => {
    expect(resolveHabit(stored, ref).key).toBe(key);
  });

  it('names the valid references when one is unknown', () => {
    expect(() => resolveHabit(stored, 11)).toThrow(/number \(1–10\) or its key \(prepare, plan/);
  });

  it('changes when any habit changes, and not otherwise', () => {
    const v = playbookVersion(stored);
    expect(playbookVersion(stored.map((h) => ({ ...h })))).toBe(v);
    expect(playbookVersion(stored.map((h, i) => (i === 3 ? { ...h, version: 2 } : h)))).not.toBe(v);
    expect(playbookVersion(stored.slice(1))).not.toBe(v);
  });
});
