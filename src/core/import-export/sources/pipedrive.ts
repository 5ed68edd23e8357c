import type { HeaderIndex, RowView } from '../columns.ts';
import { isTruthy, plainText } from '../text.ts';
import {
  activityType,
  personName,
  required,
  RowError,
  type FileFormat,
  type SourceFormat,
} from './format.ts';

/*
 * Pipedrive's exports (Deals, Organizations, People, Activities → Export filter results) come in
 * two header styles: the full export prefixes each column with its object ("Deal - Title",
 * "Organization - Name", "Person - Email - Work"), the list view's export does not ("Title",
 * "Value", "Currency of Value"). Each lookup below tries both.
 */
const both = (object: string, ...names: string[]) =>
  names.flatMap((n) => [`${object.toLowerCase()} - ${n}`, n]);

const organizations: FileFormat = {
  source: 'pipedrive',
  kind: 'account',
  label: 'Pipedrive organizations',
  columns: { dates: both('Organization', 'add time'), stage: [], owner: [], currency: [] },
  read(row) {
    return {
      kind: 'account',
      ref: required(row.get(...both('Organization', 'id')), 'Organization - ID'),
      name: required(row.get(...both('Organization', 'name')), 'Organization - Name'),
      domain: row.get(...both('Organization', 'website')),
    };
  },
};

const people: FileFormat = {
  source: 'pipedrive',
  kind: 'contact',
  label: 'Pipedrive people',
  columns: { dates: both('Person', 'add time'), stage: [], owner: [], currency: [] },
  read(row) {
    const name = personName(
      row.get(...both('Person', 'first name')),
      row.get(...both('Person', 'last name')),
      row.get(...both('Person', 'name')),
    );
    return {
      kind: 'contact',
      ref: required(row.get(...both('Person', 'id')), 'Person - ID'),
      name: required(name, 'Person - Name'),
      email: row.get(...both('Person', 'email - work', 'email - home', 'email - other', 'email')),
      title: row.get(...both('Person', 'job title')),
      account: {
        ref: row.get('organization - id'),
        name: row.get('person - organization', 'organization - name', 'organization'),
      },
    };
  },
};

const dealColumns = {
  dates: both('Deal', 'expected close date', 'won time', 'lost time', 'deal created', 'add time'),
  stage: both('Deal', 'stage'),
  owner: both('Deal', 'owner'),
  currency: both('Deal', 'currency', 'currency of value'),
};

function dealOutcome(row: RowView): 'open' | 'won' | 'lost' {
  const status = (row.get(...both('Deal', 'status')) ?? 'open').toLowerCase();
  if (status === 'won') return 'won';
  if (status === 'lost') return 'lost';
  if (status === 'open' || status === 'deleted') return 'open';
  throw new RowError(`Status "${status}" is not Open, Won or Lost`);
}

const deals: FileFormat = {
  source: 'pipedrive',
  kind: 'deal',
  label: 'Pipedrive deals',
  columns: dealColumns,
  read(row, dates) {
    const outcome = dealOutcome(row);
    const closedAt =
      outcome === 'won'
        ? dates.instant(row.get(...both('Deal', 'won time', 'close time')), 'Won time')
        : outcome === 'lost'
          ? dates.instant(row.get(...both('Deal', 'lost time', 'close time')), 'Lost time')
          : null;
    return {
      kind: 'deal',
      ref: required(row.get(...both('Deal', 'id')), 'Deal - ID'),
      title: required(row.get(...both('Deal', 'title')), 'Deal - Title'),
      account: {
        ref: row.get('organization - id'),
        name: row.get('deal - organization', 'organization - name', 'organization'),
      },
      stage: row.get(...both('Deal', 'stage')),
      outcome,
      amount: row.get(...both('Deal', 'value')),
      currency: row.get(...both('Deal', 'currency', 'currency of value')),
      expectedClose: dates.date(
        row.get(...both('Deal', 'expected close date')),
        'Expected close date',
      ),
      owner: row.get(...both('Deal', 'owner')),
      closeReason: outcome === 'lost' ? plainText(row.get(...both('Deal', 'lost reason'))) : null,
      closedAt,
      createdAt: dates.instant(
        row.get(...both('Deal', 'deal created', 'add time')),
        'Deal created',
      ),
    };
  },
};

const activities: FileFormat = {
  source: 'pipedrive',
  kind: 'activity',
  label: 'Pipedrive activities',
  columns: {
    dates: both('Activity', 'due date', 'marked as done time'),
    stage: [],
    owner: both('Activity', 'assigned to user', 'owner'),
    currency: [],
  },
  read(row, dates) {
    const done = isTruthy(row.get(...both('Activity', 'done')));
    const dealRef = row.get('deal - id', 'activity - deal id', 'deal id');
    if (!dealRef) throw new RowError('Deal - ID is empty: only activities on deals are imported');
    return {
      kind: 'activity',
      ref: required(row.get('activity - id', 'id'), 'Activity - ID'),
      dealRef,
      type: activityType(row.get(...both('Activity', 'type'))),
      subject: required(row.get(...both('Activity', 'subject')), 'Activity - Subject'),
      note: plainText(row.get(...both('Activity', 'note'))),
      done,
      due: dates.date(row.get(...both('Activity', 'due date')), 'Activity - Due date'),
      doneAt: done
        ? (dates.instant(
            row.get(...both('Activity', 'marked as done time')),
            'Marked as done time',
          ) ?? dates.instant(row.get(...both('Activity', 'due date')), 'Activity - Due date'))
        : null,
      owner: row.get(...both('Activity', 'assigned to user', 'owner')),
    };
  },
};

export const pipedriveFormat: SourceFormat = {
  source: 'pipedrive',
  recognise(h: HeaderIndex) {
    if (h.has('deal - title') || (h.hasAll('title', 'value') && h.has('stage', 'status')))
      return deals;
    if (h.has('activity - subject') || (h.hasAll('subject', 'done') && h.has('due date')))
      return activities;
    if (
      h.has('person - name') ||
      (h.hasAll('name', 'organization') && h.has('email - work', 'email'))
    )
      return people;
    if (h.has('organization - name') || (h.hasAll('name', 'people') && h.has('open deals')))
      return organizations;
    return null;
  },
};
