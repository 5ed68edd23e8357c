import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/http/server.ts';
import { DIALECTS, openTestContext, type TestContext } from '../support/dialects.ts';
import { seedMember, seedWorkspace } from '../support/fixtures.ts';
import { bearer, tokenFor } from '../support/http.ts';
import { askUntil } from '../support/eventually.ts';
import { sampleFiles } from './support.ts';

interface JobView {
  id: string;
  state: string;
  rows: number;
  totalRows: number | null;
  report: {
    counts: Record<string, { created: number; failed: number; unchanged: number }>;
    issues: { file: string; line: number; reason: string }[];
  } | null;
  preview: { stages: { value: string; action: string }[] } | null;
  mapping: Record<string, unknown> | null;
  error: { code: string; message: string } | null;
}

for (const dialect of DIALECTS) {
  describe.skipIf(!dialect.available)(
    `/api/v1/imports on ${dialect.name}`,
    { timeout: 120_000 },
    () => {
      let t: TestContext;
      let app: Awaited<ReturnType<typeof buildServer>>;
      let ownerToken: string;
      let repToken: string;

      beforeAll(async () => {
        t = await openTestContext(dialect.name);
        app = await buildServer(t.ctx);
        const ws = await seedWorkspace(t.ctx);
        const rep = await seedMember(t.ctx, ws.workspace.id, 'rep@example.com', 'rep');
        ownerToken = await tokenFor(t.ctx, ws.actor);
        repToken = await tokenFor(t.ctx, rep.actor);
      });
      afterAll(async () => {
        await app?.close();
        await t?.close();
      });

      const upload = async (file: string, token = ownerToken) =>
        app.inject({
          method: 'POST',
          url: `/api/v1/imports/uploads?name=${encodeURIComponent(path.basename(file))}`,
          headers: { ...bearer(token), 'content-type': 'text/csv' },
          payload: fs.readFileSync(file),
        });
      const job = async (id: string) =>
        (
          await app.inject({
            method: 'GET',
            url: `/api/v1/imports/${id}`,
            headers: bearer(ownerToken),
          })
        ).json<JobView>();
      const finished = async (id: string) => {
        let last: JobView | null = null;
        await askUntil(async () => (last = await job(id)).state !== 'running', 60_000);
        return last!;
      };

      it('uploads the files, previews with a dry run, then imports; progress is readable', async () => {
        const ids: string[] = [];
        for (const file of sampleFiles('hubspot')) {
          const r = await upload(file);
          expect(r.statusCode).toBe(201);
          expect(r.json()).toMatchObject({
            name: path.basename(file),
            bytes: fs.statSync(file).size,
          });
          ids.push(r.json<{ id: string }>().id);
        }
        const dry = await app.inject({
          method: 'POST',
          url: '/api/v1/imports',
          headers: bearer(ownerToken),
          payload: { uploads: ids, dryRun: true },
        });
        expect(dry.statusCode).toBe(202);
        expect(dry.json<JobView>().state).toBe('running');
        const preview: JobView = await finished(dry.json<JobView>().id);
        expect(preview.state).toBe('done');
        expect(preview.preview!.stages.map((s) => s.value)).toContain('Contract Sent');
        expect(preview.report!.counts.deal).toMatchObject({ created: 5, failed: 1 });
        expect(preview.report!.issues[0]).toMatchObject({
          file: 'hubspot-crm-exports-all-deals-2026-11-24.csv',
          line: 7,
        });
        const deals = await app.inject({
          method: 'GET',
          url: '/api/v1/deals',
          headers: bearer(ownerToken),
        });
        expect(deals.json()).toEqual([]);

        const mapping = {
          ...preview.mapping!,
          stages: { ...(preview.mapping!.stages as object), 'Appointment Scheduled': 'Discovery' },
        };
        const real = await app.inject({
          method: 'POST',
          url: '/api/v1/imports',
          headers: bearer(ownerToken),
          payload: { uploads: ids, mapping },
        });
        expect(real.statusCode).toBe(202);
        const done = await finished(real.json<JobView>().id);
        expect(done.state).toBe('done');
        expect(done.rows).toBe(done.totalRows);
        expect(done.report!.counts.deal!.created).toBe(5);
        const after = await app.inject({
          method: 'GET',
          url: '/api/v1/deals',
          headers: bearer(ownerToken),
        });
        expect(after.json<{ title: string }[]>()).toHaveLength(5);
        // The uploads of a real run are gone once it finished.
        const again = await app.inject({
          method: 'POST',
          url: '/api/v1/imports',
          headers: bearer(ownerToken),
          payload: { uploads: ids },
        });
        expect(again.statusCode).toBe(404);
      });

      it('imports the Pipedrive and Salesforce samples; a second upload of the same files creates nothing', async () => {
        const run = async (source: 'pipedrive' | 'salesforce') => {
          const ids: string[] = [];
          for (const file of sampleFiles(source))
            ids.push((await upload(file)).json<{ id: string }>().id);
          const r = await app.inject({
            method: 'POST',
            url: '/api/v1/imports',
            headers: bearer(ownerToken),
            payload: { uploads: ids },
          });
          expect(r.statusCode).toBe(202);
          const done = await finished(r.json<JobView>().id);
          expect(done.state).toBe('done');
          return done.report!;
        };
        const pipedrive = await run('pipedrive');
        expect(pipedrive.counts.deal).toMatchObject({ created: 4, failed: 1 });
        expect(pipedrive.issues).toContainEqual({
          file: 'deals.csv',
          line: 5,
          reason: 'the row has 6 fields where the header has 15',
        });
        const salesforce = await run('salesforce');
        expect(salesforce.counts.contact!.created).toBe(2);
        expect(salesforce.issues).toEqual([
          { file: 'Opportunity.csv', line: 4, reason: 'CloseDate "2026-11-2x" is not a date' },
        ]);
        const titles = async () =>
          (
            await app.inject({ method: 'GET', url: '/api/v1/deals', headers: bearer(ownerToken) })
          ).json<{ title: string }[]>();
        const before = await titles();
        expect(before.map((d) => d.title)).toContain('Neukunde Nord');
        for (const source of ['pipedrive', 'salesforce'] as const) {
          const again = await run(source);
          expect(Object.values(again.counts).map((c) => c.created)).toEqual([0, 0, 0, 0]);
        }
        expect(await titles()).toHaveLength(before.length);
      });

      it('reports a refused file as a failed job with its reason', async () => {
        const r = await upload(
          path.resolve(import.meta.dirname, '../fixtures/import/messy/ambiguous-dates.csv'),
        );
        const start = await app.inject({
          method: 'POST',
          url: '/api/v1/imports',
          headers: bearer(ownerToken),
          payload: { uploads: [r.json<{ id: string }>().id] },
        });
        const failed = await finished(start.json<JobView>().id);
        expect(failed.state).toBe('failed');
        expect(failed.error).toMatchObject({
          code: 'validation',
          message: expect.stringContaining('is refused'),
        });
      });

      it('refuses reps, bodies that are not CSV, and empty files', async () => {
        expect((await upload(sampleFiles('hubspot')[0]!, repToken)).statusCode).toBe(403);
        const json = await app.inject({
          method: 'POST',
          url: '/api/v1/imports/uploads?name=x.csv',
          headers: bearer(ownerToken),
          payload: { not: 'csv' },
        });
        expect(json.statusCode).toBe(415);
        const empty = await app.inject({
          method: 'POST',
          url: '/api/v1/imports/uploads?name=x.csv',
          headers: { ...bearer(ownerToken), 'content-type': 'text/csv' },
          payload: '',
        });
        expect(empty.statusCode).toBe(400);
      });
    },
  );
}
