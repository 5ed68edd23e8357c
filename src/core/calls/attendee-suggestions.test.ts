import { describe, expect, it } from 'vitest';
import type { Contact } from '../accounts/types.ts';
import { suggestAttendees } from './attendee-suggestions.ts';

const contact = (id: string, name: string): Contact => ({
  id,
  workspaceId: 'ws',
  accountId: 'ac',
  name,
  email: null,
  phone: null,
  title: null,
  createdAt: '2026-11-24T00:00:00.000Z',
  version: 1,
});

const contacts = [
  contact('c1', 'Sarah Chen'),
  contact('c2', 'Élodie Martin'),
  contact('c3', 'Sam Lee'),
];
const base = { contacts, excluded: ['Alex Morgan', 'Woodgrove Bank'], attendees: [] };

describe('suggestAttendees', () => {
  it('offers the account’s contacts the notes name, by full name or a unique first name', () => {
    const notes =
      'Call with Sarah and elodie martin. Sarah will introduce us to their CFO next Tuesday.';
    expect(suggestAttendees(notes, base)).toEqual([
      { name: 'Sarah Chen', contactId: 'c1', mentions: 2 },
      { name: 'Élodie Martin', contactId: 'c2', mentions: 1 },
    ]);
  });

  it('offers new names that read as people, not days, months, members or the account', () => {
    const notes =
      'Met Raj Patel from procurement on Monday. Priya said the Woodgrove Bank budget is set. ' +
      'Then Alex sent the deck. December works. Raj will review the MSA.';
    const got = suggestAttendees(notes, base);
    expect(got).toEqual([
      { name: 'Raj Patel', contactId: null, mentions: 2 },
      { name: 'Priya', contactId: null, mentions: 1 },
    ]);
  });

  it('leaves out who is already attending and a sentence-initial word that is not a person', () => {
    const notes = 'Sarah Chen joined. Budget approved. Pricing was discussed with Sam.';
    const got = suggestAttendees(notes, {
      ...base,
      attendees: [{ name: 'Sarah Chen', side: 'theirs', memberId: null, contactId: 'c1' }],
    });
    expect(got).toEqual([{ name: 'Sam Lee', contactId: 'c3', mentions: 1 }]);
  });

  it('suggests nobody from empty notes', () => {
    expect(suggestAttendees('   ', base)).toEqual([]);
  });
});
