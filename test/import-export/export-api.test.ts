import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openContext, type AppContext } from '../../src/app/context.ts';
import { buildServer } from '../../src/http/server.ts';
import type { DatabaseConfig } from '../../src/storage/connection/config.ts';
import { createCliDatabase, runCli, type CliDatabase } from '../support/cli.ts';
import { DIALECTS } from '../support/dialects.ts';
import { actorOf, seedMember } from '../support/fixtures.ts';
import { bearer, tokenFor } from '../support/http.ts';
import { sampleFiles } from './support.ts';

/*
 * GET /api/v1/export answers the same files as `momentum export` for the same workspace: the
 * JSON document, and for CSV the manifest and then each table it lists. Reps get a 403 problem.
 */
for (const dialect of DIALECTS) {
  describe.skipIf(!dialect.available)(
    `GET /api/v1/export on ${dialect.name}`,
    { timeout: 240_000 },
    () => {
      let db: CliDatabase;
      let ctx: AppContext;
      let app: Awaited<ReturnType<typeof buildServer>>;
      let ownerToken: string;
      let managerToken: string;
      let repToken: string;
      const cli = (...args: string[]) => runCli(args, { cwd: db.cwd, env: db.env });
      const get = (url: string, token: string) =>
        app.inject({ method: 'GET', url, headers: bearer(token) });

      beforeAll(async () => {
        db = await createCliDatabase(dialect.name, 'export-api');
        expect(
          cli(
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
          ).code,
        ).toBe(0);
        // The sample files hold two bad rows on purpose (exit 1); the good ones are imported.
        cli('import', ...sampleFiles('hubspot'));
        const config: DatabaseConfig = db.env.MOMENTUM_DB
          ? { dialect: 'sqlite', file: db.env.MOMENTUM_DB }
          : { dialect: 'postgres', url: db.env.DATABASE_URL! };
        ctx = await openContext(config);
        app = await buildServer(ctx);
        const { id: workspaceId } = await ctx.store.db
          .selectFrom('workspaces')
          .select('id')
          .executeTakeFirstOrThrow();
        const owner = await ctx.members.findByEmail(
          ctx.store.executor,
          workspaceId,
          'owner@example.com',
        );
        const manager = await seedMember(ctx, workspaceId, 'manager@example.com', 'manager');
        const rep = await seedMember(ctx, workspaceId, 'rep@example.com', 'rep');
        ownerToken = await tokenFor(ctx, actorOf(owner!));
        managerToken = await tokenFor(ctx, manager.actor);
        repToken = await tokenFor(ctx, rep.actor);
        // The CLI's export, after everything above, so that both see the same workspace.
        expect(cli('export', '--out', 'json').code).toBe(0);
        expect(cli('export', '--format', 'csv', '--out', 'csv').code).toBe(0);
      });
      afterAll(async () => {
        await app?.close();
        await ctx?.store.close();
        await db?.dispose();
      });

      it('answers the JSON export the CLI writes, byte for byte, to owners and managers', async () => {
        const cliJson = fs.readFileSync(path.join(db.cwd, 'json', 'momentum-export.json'), 'utf8');
        expect(cliJson).toContain('"hubspot:');
        for (const token of [ownerToken, managerToken]) {
          const r = await get('/api/v1/export?format=json', token);
          expect(r.statusCode).toBe(200);
          expect(r.headers['content-type']).toMatch(/^application\/json/);
          expect(r.headers['content-disposition']).toBe(
            'attachment; filename="momentum-export.json"',
          );
          expect(r.body).toBe(cliJson);
        }
        // JSON is the default format.
        expect((await get('/api/v1/export', ownerToken)).body).toBe(cliJson);
      });

      it('answers the CSV manifest, then each table it lists, as the CLI writes them', async () => {
        const dir = path.join(db.cwd, 'csv');
        const manifest = await get('/api/v1/export?format=csv', managerToken);
        expect(manifest.statusCode).toBe(200);
        expect(manifest.body).toBe(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
        const tables = (JSON.parse(manifest.body) as { tables: string[] }).tables;
        expect(tables).toContain('deals');
        // A table name is checked against this list before anything is exported.
        expect(tables).toEqual(ctx.archive.tables);
        expect(fs.readdirSync(dir).sort()).toEqual(
          ['manifest.json', ...tables.map((t) => `${t}.csv`)].sort(),
        );
        for (const table of tables) {
          const r = await get(`/api/v1/export?format=csv&table=${table}`, ownerToken);
          expect(r.statusCode, table).toBe(200);
          expect(r.headers['content-type']).toMatch(/^text\/csv/);
          expect(r.body, table).toBe(fs.readFileSync(path.join(dir, `${table}.csv`), 'utf8'));
        }
        const missing = await get('/api/v1/export?format=csv&table=passwords', ownerToken);
        expect(missing.statusCode).toBe(404);
        expect(missing.headers['content-type']).toMatch(/^application\/problem\+json/);
      });

      it('refuses reps with a 403 problem, and a format it does not know with a 400', async () => {
        for (const url of ['/api/v1/export', '/api/v1/export?format=csv&table=deals']) {
          const r = await get(url, repToken);
          expect(r.statusCode).toBe(403);
          expect(r.headers['content-type']).toMatch(/^application\/problem\+json/);
          expect(r.json()).toMatchObject({ status: 403, code: 'forbidden' });
        }
        const bad = await get('/api/v1/export?format=xml', ownerToken);
        expect(bad.statusCode).toBe(400);
      });
    },
  );
}
