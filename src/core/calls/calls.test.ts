import { describe, expect, it } from 'vitest';
import type { Contact } from '../accounts/types.ts';
import { DEFAULT_HABITS } from '../playbook/default-habits.ts';
import type { Habit } from '../playbook/ports.ts';
import type { Member } from '../workspaces/types.ts';
import { resolveAttendees, splitAttendeeList } from './attendees.ts';
import { buildChecklist, parseCallOutcome, parseLesson } from './validation.ts';

const member = (id: string, name: string, email: string, removedAt: string | null = null) =>
  ({ id, name, email, removedAt }) as Member;
const contact = (id: string, name: string, email: string | null = null) =>
  ({ id, name, email }) as Contact;
const members = [
  member('mb_ann', 'Ann Lee', 'ann@acme.com'),
  member('mb_sam', 'Sam Ortiz', 'sam@acme.com'),
  member('mb_old', 'Olga Gone', 'olga@acme.com', '2026-01-01T00:00:00.000Z'),
];
const contacts = [
  contact('ct_sarah', 'Sarah Chen', 'sarah@globex.com'),
  contact('ct_sam', 'Sam Lee'),
  contact('ct_raj', 'Raj Patel'),
];
const habits: Habit[] = DEFAULT_HABITS.map((h, i) => ({
  id: `hb_${i + 1}`,
  workspaceId: 'ws',
  position: i + 1,
  version: 1,
  ...h,
}));

describe('resolveAttendees', () => {
  it.each([
    {
      input: 'Ann',
      expected: { name: 'Ann Lee', side: 'ours', memberId: 'mb_ann', contactId: null },
    },
    {
      input: 'sarah@globex.com',
      expected: { name: 'Sarah Chen', side: 'theirs', memberId: null, contactId: 'ct_sarah' },
    },
    {
      input: 'raj',
      expected: { name: 'Raj Patel', side: 'theirs', memberId: null, contactId: 'ct_raj' },
    },
    {
      input: 'Sam Lee',
      expected: { name: 'Sam Lee', side: 'theirs', memberId: null, contactId: 'ct_sam' },
    },
    { input: 'Jen', expected: { name: 'Jen', side: 'theirs', memberId: null, contactId: null } },
    { input: 'Olga', expected: { name: 'Olga', side: 'theirs', memberId: null, contactId: null } },
  ])('$input', ({ input, expected }) => {
    expect(resolveAttendees([input], members, contacts)).toEqual([expected]);
  });

  it('prefers a member for a first name on both sides, and takes a side when given', () => {
    expect(resolveAttendees(['Sam'], members, contacts)[0]!.memberId).toBe('mb_sam');
    expect(
      resolveAttendees([{ name: 'Sam', side: 'theirs' }], members, contacts)[0]!.contactId,
    ).toBe('ct_sam');
    expect(resolveAttendees([{ name: 'Mark', side: 'ours' }], members, contacts)[0]).toEqual({
      name: 'Mark',
      side: 'ours',
      memberId: null,
      contactId: null,
    });
  });

  it('lists each person once and refuses an ambiguous first name', () => {
    expect(resolveAttendees(['Ann', 'ann@acme.com', ' '], members, contacts)).toHaveLength(1);
    const twins = [...contacts, contact('ct_sarah2', 'Sarah Park')];
    expect(() => resolveAttendees(['Sarah'], members, twins)).toThrow(
      /"Sarah" could be Sarah Chen or Sarah Park/,
    );
  });

  it('splits a comma-separated list', () => {
    expect(splitAttendeeList(' Ann, Sarah Chen ,,Raj ')).toEqual(['Ann', 'Sarah Chen', 'Raj']);
  });
});

describe('parseCallOutcome', () => {
  it.each([
    { outcome: undefined, reason: undefined, expected: { outcome: null, reason: null } },
    { outcome: 'advanced', reason: undefined, expected: { outcome: 'advanced', reason: null } },
    { outcome: 'setback', reason: 'not-now', expected: { outcome: 'setback', reason: 'not-now' } },
    {
      outcome: 'no-change',
      reason: 'no-fit',
      expected: { outcome: 'no-change', reason: 'no-fit' },
    },
  ])('$outcome / $reason', ({ outcome, reason, expected }) => {
    expect(parseCallOutcome(outcome, reason)).toEqual(expected);
  });

  it.each([
    {
      outcome: 'great',
      reason: undefined,
      message: /Outcome must be one of advanced, no-change, setback/,
    },
    {
      outcome: 'setback',
      reason: 'budget',
      message: /Reason must be one of not-interested, not-now, no-fit, other/,
    },
    { outcome: 'advanced', reason: 'other', message: /explains a setback or a no-change call/ },
    { outcome: undefined, reason: 'not-now', message: /explains a setback/ },
  ])('refuses $outcome / $reason', ({ outcome, reason, message }) => {
    expect(() => parseCallOutcome(outcome, reason)).toThrow(message);
  });
});

describe('buildChecklist', () => {
  it('keeps no checklist when nothing is checked', () => {
    expect(buildChecklist(habits, {})).toEqual([]);
    expect(buildChecklist(habits, undefined)).toEqual([]);
  });

  it('records every habit once one is checked: those not mentioned were not done', () => {
    const list = buildChecklist(habits, { '2': 'done', listen: 'partly', '7': 'not-done' });
    expect(list).toHaveLength(10);
    expect(list.filter((c) => c.state !== 'no')).toEqual([
      { habitId: 'hb_2', state: 'done' },
      { habitId: 'hb_5', state: 'partly' },
    ]);
  });

  it('refuses unknown habits, unknown states and a habit checked two ways', () => {
    expect(() => buildChecklist(habits, { '11': 'done' })).toThrow(/Unknown habit "11"/);
    expect(() => buildChecklist(habits, { '1': 'yes' })).toThrow(/done, partly, no/);
    expect(() => buildChecklist(habits, { '2': 'done', plan: 'no' })).toThrow(/checked twice/);
  });
});

describe('parseLesson', () => {
  it('tags a lesson with habits, once each', () => {
    expect(parseLesson(habits, ' Ask for budget early ', ['4', 'discover', 7])).toEqual({
      lesson: 'Ask for budget early',
      habitIds: ['hb_4', 'hb_7'],
    });
    expect(parseLesson(habits, '', [])).toEqual({ lesson: null, habitIds: [] });
    expect(() => parseLesson(habits, null, ['4'])).toThrow(/write the lesson too/);
  });
});
