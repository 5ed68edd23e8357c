import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Issue 16, item 3: a deal's momentum is recorded from the writes that change its inputs, through
 * one function (`momentumInputsChanged`, storage/momentum/momentum-inputs.ts) that the store reads
 * before each transaction commits. A module that writes an input table without calling it would
 * leave the day's recorded momentum behind the data; this finds one.
 */
const SRC = path.resolve(import.meta.dirname, '../../src');
/** The tables a deal's score is computed from (see core/momentum/score-deals.ts). */
const INPUTS = ['deals', 'stages', 'touches', 'commitments', 'next_steps', 'plan_revisions'];
const WRITE = new RegExp(
  String.raw`\b(?:insertInto|updateTable|deleteFrom|replaceInto|mergeInto)\(\s*'(${INPUTS.join('|')})'`,
  'g',
);
/** Migrations shape tables before any data is scored. */
const EXEMPT = [/^storage\/migrations\//];

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sources(full);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [full] : [];
  });
}

describe('momentum inputs', () => {
  const writers = sources(SRC)
    .map((file) => ({ file: path.relative(SRC, file), text: fs.readFileSync(file, 'utf8') }))
    .filter((f) => !EXEMPT.some((re) => re.test(f.file)))
    .map((f) => ({ ...f, tables: [...new Set([...f.text.matchAll(WRITE)].map((m) => m[1]))] }))
    .filter((f) => f.tables.length > 0);

  it('are written only by modules that report the deals they change', () => {
    // The scan itself finds the writers (the repositories and the importer at least).
    expect(writers.map((w) => w.file)).toEqual(
      expect.arrayContaining([
        'storage/repositories/deal-repository.ts',
        'storage/repositories/touch-repository.ts',
        'storage/import-export/import-writer.ts',
      ]),
    );
    const silent = writers
      .filter((w) => !/\bmomentumInputsChanged\(/.test(w.text))
      .map((w) => `${w.file} writes ${w.tables.join(', ')}`);
    expect(silent).toEqual([]);
  });
});
