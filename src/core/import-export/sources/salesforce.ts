import type { HeaderIndex } from '../columns.ts';
import { isTruthy, plainText } from '../text.ts';
import {
  activityType,
  outcomeOfLabel,
  personName,
  required,
  RowError,
  type FileFormat,
  type SourceFormat,
} from './format.ts';

/*
 * Salesforce exports (Data Export, Data Loader, reports) name columns by API field: `Id`,
 * `AccountId`, `StageName`, `CloseDate`, `IsClosed`, `IsWon`, `NextStep`; Tasks have
 * `ActivityDate`, `Status` and `WhatId` (the opportunity). Case differs between tools
 * (`STAGENAME` from some), which the header index already ignores. Owners are user ids
 * (`OwnerId`) unless the export joined `Owner.Email` or `Owner.Name`.
 */
const ownerColumns = ['owner.email', 'owneremail', 'owner.name', 'owner name', 'ownerid'];

const accounts: FileFormat = {
  source: 'salesforce',
  kind: 'account',
  label: 'Salesforce accounts',
  columns: { dates: ['createddate'], stage: [], owner: [], currency: [] },
  read(row) {
    return {
      kind: 'account',
      ref: required(row.get('id'), 'Id'),
      name: required(row.get('name'), 'Name'),
      domain: row.get('website'),
    };
  },
};

const contacts: FileFormat = {
  source: 'salesforce',
  kind: 'contact',
  label: 'Salesforce contacts',
  columns: { dates: ['createddate'], stage: [], owner: [], currency: [] },
  read(row) {
    return {
      kind: 'contact',
      ref: required(row.get('id'), 'Id'),
      name: required(
        personName(row.get('firstname'), row.get('lastname'), row.get('name')),
        'LastName',
      ),
      email: row.get('email'),
      title: row.get('title'),
      account: { ref: row.get('accountid'), name: row.get('account.name') },
    };
  },
};

const opportunities: FileFormat = {
  source: 'salesforce',
  kind: 'deal',
  label: 'Salesforce opportunities',
  columns: {
    dates: ['closedate', 'createddate'],
    stage: ['stagename'],
    owner: ownerColumns,
    currency: ['currencyisocode'],
  },
  read(row, dates) {
    const stage = row.get('stagename');
    const closed =
      row.get('isclosed') !== null ? isTruthy(row.get('isclosed')) : outcomeOfLabel(stage) !== null;
    const outcome = closed
      ? row.get('iswon') !== null
        ? isTruthy(row.get('iswon'))
          ? 'won'
          : 'lost'
        : (outcomeOfLabel(stage) ?? 'lost')
      : 'open';
    return {
      kind: 'deal',
      ref: required(row.get('id'), 'Id'),
      title: required(row.get('name'), 'Name'),
      account: { ref: row.get('accountid'), name: row.get('account.name') },
      stage,
      outcome,
      amount: row.get('amount'),
      currency: row.get('currencyisocode'),
      expectedClose: dates.date(row.get('closedate'), 'CloseDate'),
      owner: row.get(...ownerColumns),
      closeReason:
        outcome === 'open'
          ? null
          : plainText(row.get('loss_reason__c', 'reason__c', 'closed_reason__c')),
      closedAt: outcome === 'open' ? null : dates.instant(row.get('closedate'), 'CloseDate'),
      createdAt: dates.instant(row.get('createddate'), 'CreatedDate'),
    };
  },
};

const tasks: FileFormat = {
  source: 'salesforce',
  kind: 'activity',
  label: 'Salesforce tasks',
  columns: {
    dates: ['activitydate', 'completeddatetime', 'lastmodifieddate'],
    stage: [],
    owner: ownerColumns,
    currency: [],
  },
  read(row, dates) {
    const status = row.get('status');
    const done =
      row.get('isclosed') !== null
        ? isTruthy(row.get('isclosed'))
        : /^completed$/i.test(status ?? '');
    const dealRef = row.get('whatid');
    if (!dealRef) throw new RowError('WhatId is empty: only tasks on opportunities are imported');
    return {
      kind: 'activity',
      ref: required(row.get('id'), 'Id'),
      dealRef,
      type: activityType(row.get('tasksubtype', 'type')),
      subject: required(row.get('subject'), 'Subject'),
      note: plainText(row.get('description')),
      done,
      due: dates.date(row.get('activitydate'), 'ActivityDate'),
      doneAt: done
        ? (dates.instant(row.get('completeddatetime', 'lastmodifieddate'), 'CompletedDateTime') ??
          dates.instant(row.get('activitydate'), 'ActivityDate'))
        : null,
      owner: row.get(...ownerColumns),
    };
  },
};

export const salesforceFormat: SourceFormat = {
  source: 'salesforce',
  recognise(h: HeaderIndex) {
    if (!h.has('id')) return null;
    if (h.has('stagename')) return opportunities;
    if (h.has('whatid', 'activitydate')) return tasks;
    if (h.has('accountid') && h.has('lastname', 'firstname', 'email')) return contacts;
    if (
      h.has('name') &&
      h.has('ownerid', 'createddate', 'website', 'billingcountry', 'industry', 'isdeleted')
    )
      return accounts;
    return null;
  },
};
