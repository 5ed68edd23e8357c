import type { DateReader } from './format.ts';
import {
  personName,
  type FileFormat,
  type SourceFormat,
  RowError,
  required,
  activityType,
  outcomeOfLabel,
} from './format.ts';
import { firstOf, isTruthy, plainText } from '../text.ts';
import type { HeaderIndex, RowView } from '../columns.ts';

/*
 * HubSpot's CRM exports (Contacts, Companies, Deals, Tasks → Export), with its property labels as
 * column names. Every object has `Record ID`; associations are `Associated Company IDs` etc.,
 * several ids joined with ";". A deal is won or lost by being in a closing stage ("Closed Won").
 */
const companies: FileFormat = {
  source: 'hubspot',
  kind: 'account',
  label: 'HubSpot companies',
  columns: { dates: ['create date'], stage: [], owner: [], currency: [] },
  read(row) {
    return {
      kind: 'account',
      ref: required(row.get('record id'), 'Record ID'),
      name: required(row.get('company name', 'name'), 'Company name'),
      domain: row.get('company domain name', 'website url'),
    };
  },
};

const companyLink = (row: RowView) => ({
  ref: firstOf(
    row.get('associated company ids', 'associated company id', 'associated company ids (primary)'),
  ),
  name: firstOf(row.get('associated company', 'company name')),
});

const contacts: FileFormat = {
  source: 'hubspot',
  kind: 'contact',
  label: 'HubSpot contacts',
  columns: { dates: ['create date'], stage: [], owner: [], currency: [] },
  read(row) {
    const name = personName(row.get('first name'), row.get('last name'), null) ?? row.get('email');
    return {
      kind: 'contact',
      ref: required(row.get('record id'), 'Record ID'),
      name: required(name, 'First Name and Last Name'),
      email: row.get('email'),
      title: row.get('job title'),
      account: companyLink(row),
    };
  },
};

const deals: FileFormat = {
  source: 'hubspot',
  kind: 'deal',
  label: 'HubSpot deals',
  columns: {
    dates: ['close date', 'create date'],
    stage: ['deal stage'],
    owner: ['deal owner'],
    currency: ['deal currency code', 'currency'],
  },
  read(row, dates: DateReader) {
    const stage = row.get('deal stage');
    const outcome =
      outcomeOfLabel(stage) ??
      (isTruthy(row.get('is closed won'))
        ? 'won'
        : isTruthy(row.get('is closed lost'))
          ? 'lost'
          : 'open');
    const close = dates.date(row.get('close date'), 'Close Date');
    return {
      kind: 'deal',
      ref: required(row.get('record id'), 'Record ID'),
      title: required(row.get('deal name'), 'Deal Name'),
      account: companyLink(row),
      stage,
      outcome,
      amount: row.get('amount'),
      currency: row.get('deal currency code', 'currency'),
      expectedClose: close,
      owner: row.get('deal owner'),
      closeReason:
        outcome === 'lost'
          ? plainText(row.get('closed lost reason'))
          : outcome === 'won'
            ? plainText(row.get('closed won reason'))
            : null,
      closedAt: outcome === 'open' ? null : dates.instant(row.get('close date'), 'Close Date'),
      createdAt: dates.instant(row.get('create date'), 'Create Date'),
    };
  },
};

const tasks: FileFormat = {
  source: 'hubspot',
  kind: 'activity',
  label: 'HubSpot tasks',
  columns: {
    dates: ['due date', 'completed at', 'last modified date'],
    stage: [],
    owner: ['assigned to'],
    currency: [],
  },
  read(row, dates) {
    const done = /^(completed|complete|done)$/i.test(row.get('task status') ?? '');
    const dealRef = firstOf(row.get('associated deal ids', 'associated deal id'));
    if (!dealRef)
      throw new RowError('Associated Deal IDs is empty: only tasks on deals are imported');
    const due = dates.date(row.get('due date'), 'Due date');
    return {
      kind: 'activity',
      ref: required(row.get('record id'), 'Record ID'),
      dealRef,
      type: activityType(row.get('task type')),
      subject: required(row.get('task title', 'title'), 'Task Title'),
      note: plainText(row.get('notes', 'task notes')),
      done,
      due,
      doneAt: done
        ? (dates.instant(row.get('completed at', 'last modified date'), 'Completed at') ??
          dates.instant(row.get('due date'), 'Due date'))
        : null,
      owner: row.get('assigned to', 'task owner'),
    };
  },
};

export const hubspotFormat: SourceFormat = {
  source: 'hubspot',
  recognise(h: HeaderIndex) {
    if (!h.has('record id')) return null;
    if (h.has('deal name')) return deals;
    if (h.has('task title', 'task status')) return tasks;
    if (h.has('company name') && !h.has('first name', 'email')) return companies;
    if (h.has('first name', 'last name', 'email')) return contacts;
    return null;
  },
};
