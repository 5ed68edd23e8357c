import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCliDatabase, runCli, type CliDatabase } from '../support/cli.ts';
import { DIALECTS } from '../support/dialects.ts';
import { FIXTURES, sampleFiles } from './support.ts';

for (const dialect of DIALECTS) {
  describe.skipIf(!dialect.available)(
    `momentum import on ${dialect.name}`,
    { timeout: 240_000 },
    () => {
      let db: CliDatabase;
      const cli = (...args: string[]) => runCli(args, { cwd: db.cwd, env: db.env });

      beforeAll(async () => {
        db = await createCliDatabase(dialect.name, 'import');
        const init = cli(
          'init',
          '--workspace',
          'Acme',
          '--name',
          'Olivia Owner',
          '--email',
          'owner@example.com',
          '--tz',
          'America/New_York',
          '--region',
          'US',
        );
        expect(init.code).toBe(0);
      });
      afterAll(() => db.dispose());

      it('--help explains the sources, the dry run, the mapping and the re-run', () => {
        const r = cli('import', '--help');
        expect(r.code).toBe(0);
        expect(r.stdout).toContain('--dry-run');
        expect(r.stdout).toContain('--map <file.json>');
        expect(r.stdout.replace(/\s+/g, ' ')).toContain('hubspot, pipedrive, salesforce, momentum');
        expect(r.stdout.replace(/\s+/g, ' ')).toContain('adds no duplicates');
      });

      it('a dry run prints the preview and the bad rows, saves the mapping and writes nothing', () => {
        const map = path.join(db.cwd, 'mapping.json');
        const r = cli('import', '--dry-run', '--map', map, ...sampleFiles('hubspot'));
        expect(r.code).toBe(1);
        expect(r.stdout).toContain('stage    "Contract Sent" → Contract Sent (a new stage)');
        expect(r.stdout).toContain(
          'owner    "Nobody Known" → owner@example.com (not a member: the default owner)',
        );
        expect(r.stdout).toContain('Dry run: nothing was written');
        expect(r.stdout).toMatch(
          /hubspot-crm-exports-all-deals-2026-11-24\.csv:7 {2}Amount "lots" is not a number/,
        );
        expect(r.stderr).toBe(
          'momentum: 2 rows were not imported (listed above); the others would be kept.\n',
        );
        const saved = JSON.parse(fs.readFileSync(map, 'utf8'));
        expect(saved.stages['Contract Sent']).toBe('Contract Sent');
        expect(saved.owners['Sam Rep']).toBe('owner@example.com');
        expect(cli('deal', 'list', '--json').json()).toEqual([]);
      });

      it('imports with an edited mapping, and a re-run adds nothing', () => {
        const map = path.join(db.cwd, 'mapping.json');
        const saved = JSON.parse(fs.readFileSync(map, 'utf8'));
        saved.stages['Appointment Scheduled'] = 'Discovery';
        fs.writeFileSync(map, JSON.stringify(saved));
        const first = cli('import', '--json', '--map', map, ...sampleFiles('hubspot'));
        expect(first.code).toBe(1);
        const report = first.json<{ counts: { deal: { created: number } }; issueCount: number }>();
        expect(report.counts.deal.created).toBe(5);
        expect(report.issueCount).toBe(2);
        const deals = cli('deal', 'list', '--json').json<{ title: string; stage: string }[]>();
        expect(deals).toHaveLength(5);
        expect(deals.find((d) => d.title.startsWith('Northwind'))).toBeDefined();
        const again = cli('import', '--json', '--map', map, ...sampleFiles('hubspot'));
        expect(
          again.json<{ counts: { deal: { unchanged: number } } }>().counts.deal.unchanged,
        ).toBe(5);
        expect(cli('deal', 'list', '--json').json<unknown[]>()).toHaveLength(5);
      });

      it('imports Pipedrive and Salesforce samples, naming the tool it detected; a re-run adds nothing', () => {
        const pipedrive = cli('import', ...sampleFiles('pipedrive'));
        // Two bad rows (listed) and the others kept: exit 1, as for HubSpot.
        expect(pipedrive.code).toBe(1);
        expect(pipedrive.stdout).toMatch(/deals\.csv +pipedrive +deals +\d+ +day-first/);
        expect(pipedrive.stdout).toMatch(
          /deals\.csv:5 {2}the row has 6 fields where the header has 15/,
        );
        const salesforce = cli('import', '--json', ...sampleFiles('salesforce'));
        expect(salesforce.code).toBe(1);
        const report = salesforce.json<{
          files: { file: string; source: string }[];
          counts: { contact: { created: number }; deal: { created: number } };
          issues: { file: string; line: number; reason: string }[];
        }>();
        expect(new Set(report.files.map((f) => f.source))).toEqual(new Set(['salesforce']));
        expect(report.counts.contact.created).toBe(2);
        expect(report.issues).toEqual([
          { file: 'Opportunity.csv', line: 4, reason: 'CloseDate "2026-11-2x" is not a date' },
        ]);
        const titles = cli('deal', 'list', '--json')
          .json<{ title: string }[]>()
          .map((d) => d.title);
        expect(titles).toContain('Neukunde Nord');
        const before = titles.length;
        for (const source of ['pipedrive', 'salesforce'] as const) {
          const again = cli('import', '--json', ...sampleFiles(source)).json<{
            counts: Record<string, { created: number }>;
          }>();
          expect(Object.values(again.counts).map((c) => c.created)).toEqual([0, 0, 0, 0]);
        }
        expect(cli('deal', 'list', '--json').json<unknown[]>()).toHaveLength(before);
      });

      it('refuses an ambiguous file and an unknown source with a clear message', () => {
        const ambiguous = cli('import', path.join(FIXTURES, 'messy/ambiguous-dates.csv'));
        expect(ambiguous.code).toBe(1);
        expect(ambiguous.stderr).toMatch(/ambiguous-dates\.csv is refused/);
        const source = cli('import', '--from', 'zoho', ...sampleFiles('hubspot'));
        expect(source.code).toBe(1);
        expect(source.stderr).toContain(
          '--from must be one of hubspot, pipedrive, salesforce, momentum',
        );
        const missing = cli('import', 'nope.csv');
        expect(missing.code).toBe(1);
        expect(missing.stderr).toContain('No file nope.csv');
      });
    },
  );
}
