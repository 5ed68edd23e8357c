import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { csvFile } from '../../src/app/import-export/csv-file.ts';
import type { AppContext } from '../../src/app/context.ts';
import { emptyMapping, type ImportMapping } from '../../src/core/import-export/mapping.ts';
import { runImport, type ImportOptions } from '../../src/core/import-export/flows/run-import.ts';
import type { Actor } from '../../src/core/workspaces/types.ts';

export const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/import');

/** Every CSV of one tool's sample export. */
export function sampleFiles(source: 'hubspot' | 'pipedrive' | 'salesforce'): string[] {
  const dir = path.join(FIXTURES, source);
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.csv'))
    .map((f) => path.join(dir, f));
}

export function importFiles(
  ctx: AppContext,
  actor: Actor,
  files: string[],
  options: Partial<ImportOptions> & { mapping?: ImportMapping } = {},
) {
  return runImport(
    ctx,
    actor,
    files.map((f) => csvFile(f)),
    { dryRun: false, mapping: emptyMapping(), ...options },
  );
}

/** A CSV written to a temp folder (for cases the sample exports do not cover). */
export function tempCsv(name: string, text: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'momentum-import-'));
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
}
