import { describe, expect, it } from 'vitest';
import { classifyDatabaseError } from './database-errors.ts';

const err = (fields: Record<string, unknown>) =>
  Object.assign(new Error(String(fields.message ?? '')), fields);

describe('classifyDatabaseError', () => {
  it.each([
    [
      'SQLite unique',
      err({
        code: 'SQLITE_CONSTRAINT_UNIQUE',
        message: 'UNIQUE constraint failed: accounts.workspace_id, accounts.name_key',
      }),
      { kind: 'unique', constraint: 'accounts.workspace_id, accounts.name_key' },
    ],
    [
      'SQLite disk full',
      err({ code: 'SQLITE_FULL', message: 'database or disk is full' }),
      { kind: 'disk-full' },
    ],
    [
      'SQLite busy',
      err({ code: 'SQLITE_BUSY', message: 'database is locked' }),
      { kind: 'timeout' },
    ],
    ['SQLite foreign key', err({ code: 'SQLITE_CONSTRAINT_FOREIGNKEY' }), { kind: 'foreign-key' }],
    [
      'PostgreSQL unique',
      err({ code: '23505', constraint: 'accounts_workspace_name_uq' }),
      { kind: 'unique', constraint: 'accounts_workspace_name_uq' },
    ],
    ['PostgreSQL admin shutdown', err({ code: '57P01' }), { kind: 'unavailable' }],
    ['PostgreSQL starting up', err({ code: '57P03' }), { kind: 'unavailable' }],
    ['PostgreSQL statement timeout', err({ code: '57014' }), { kind: 'timeout' }],
    ['PostgreSQL disk full', err({ code: '53100' }), { kind: 'disk-full' }],
    ['PostgreSQL connection class 08', err({ code: '08006' }), { kind: 'unavailable' }],
    ['PostgreSQL deadlock', err({ code: '40P01' }), { kind: 'contention' }],
    ['connection refused', err({ code: 'ECONNREFUSED' }), { kind: 'unavailable' }],
    [
      'pg: connection terminated',
      new Error('Connection terminated unexpectedly'),
      { kind: 'unavailable' },
    ],
    [
      'pg pool: acquisition timeout',
      new Error('timeout exceeded when trying to connect'),
      { kind: 'timeout' },
    ],
    ['pg: read timeout', new Error('Query read timeout'), { kind: 'timeout' }],
    [
      'refused on every address',
      Object.assign(new AggregateError([err({ code: 'ECONNREFUSED' })]), {}),
      { kind: 'unavailable' },
    ],
  ])('%s', (_label, error, expected) => {
    expect(classifyDatabaseError(error)).toEqual(expected);
  });

  it.each([
    ['a domain error', new Error('No deal with id dl_1')],
    ['a PostgreSQL syntax error', err({ code: '42601' })],
    ['not an error', 'boom'],
  ])('leaves %s alone', (_label, error) => {
    expect(classifyDatabaseError(error)).toBeNull();
  });
});
