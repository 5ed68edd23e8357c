import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  csvArchiveSink,
  jsonArchiveSink,
  readArchive,
} from '../../src/app/import-export/archive-files.ts';
import { createSampleWorkspace } from '../../src/app/demo/load-sample-workspace.ts';
import { exportWorkspace, restoreWorkspace } from '../../src/core/import-export/flows/archive.ts';
import { initWorkspace } from '../../src/core/workspaces/flows/init-workspace.ts';
import type { Actor } from '../../src/core/workspaces/types.ts';
import { DIALECTS, openTestContext, type TestContext } from '../support/dialects.ts';
import { actorOf, seedWorkspace } from '../support/fixtures.ts';
import { importFiles, sampleFiles } from './support.ts';

/*
 * Export → import into an empty workspace → export gives the same files, byte for byte, for
 * every pair of dialects (SQLite → PostgreSQL is how a team moves), in both formats. The source
 * is the sample workspace (calls with notes and habit checks, promises with their history, plans
 * with revisions, lessons, the audit log) plus an imported HubSpot export.
 */
const NOW = '2026-11-18T15:00:00Z';
const OWNER = {
  workspace: 'Northwind Sales',
  name: 'Alex Morgan',
  email: 'alex@northwind.test',
  password: 'correct horse battery',
  timeZone: 'America/New_York',
  region: 'US',
};
const available = DIALECTS.filter((d) => d.available);

/** Folders the exports are written to, removed when the file is done. */
const made: string[] = [];
afterAll(() => {
  for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'momentum-export-'));
  made.push(dir);
  return dir;
}

function readTree(dir: string): Record<string, string> {
  return Object.fromEntries(
    fs
      .readdirSync(dir)
      .sort()
      .map((f) => [f, fs.readFileSync(path.join(dir, f), 'utf8')]),
  );
}

async function exportBoth(t: TestContext, actor: Actor) {
  const dir = tempDir();
  const json = path.join(dir, 'momentum-export.json');
  await exportWorkspace(t.ctx, actor, jsonArchiveSink(json));
  await exportWorkspace(t.ctx, actor, csvArchiveSink(path.join(dir, 'csv')));
  return { json, csv: path.join(dir, 'csv') };
}

for (const source of available) {
  describe(`a Momentum export from ${source.name}`, { timeout: 240_000 }, () => {
    let t: TestContext;
    let actor: Actor;
    let files: { json: string; csv: string };

    beforeAll(async () => {
      t = await openTestContext(source.name, NOW);
      const owner = (await createSampleWorkspace(t.ctx, OWNER, { open: false })).member;
      actor = actorOf(owner);
      await importFiles(t.ctx, actor, sampleFiles('hubspot'));
      files = await exportBoth(t, actor);
    }, 240_000);
    afterAll(() => t.close());

    it('holds every table of the workspace, as one JSON document', () => {
      const doc = JSON.parse(fs.readFileSync(files.json, 'utf8'));
      expect(doc.format).toBe('momentum-export');
      for (const table of [
        'members',
        'stages',
        'habits',
        'accounts',
        'contacts',
        'deals',
        'calls',
        'call_attendees',
        'call_habits',
        'plan_revisions',
        'commitments',
        'touches',
        'next_steps',
        'deal_outcomes',
        'audit_log',
      ]) {
        expect(doc.tables[table].length, table).toBeGreaterThan(0);
      }
      expect(doc.tables.members[0]).not.toHaveProperty('user_id');
      expect(doc.tables.deals[0]).not.toHaveProperty('workspace_id');
      expect(JSON.stringify(doc)).not.toMatch(/password|token_hash/);
    });

    it('exports one table alone as the same file, and nothing else', async () => {
      const whole = readTree(files.csv);
      // The first table, members (written with their e-mail), a child table and an empty one.
      for (const table of ['workspace', 'members', 'call_attendees', 'digest_sends']) {
        const dir = path.join(tempDir(), 'one');
        const written = await exportWorkspace(t.ctx, actor, csvArchiveSink(dir), table);
        expect(written.tables, table).toBe(1);
        expect(Object.keys(readTree(dir)).sort(), table).toEqual(
          ['manifest.json', `${table}.csv`].sort(),
        );
        expect(readTree(dir)[`${table}.csv`], table).toBe(whole[`${table}.csv`]);
      }
      await expect(
        exportWorkspace(t.ctx, actor, csvArchiveSink(path.join(tempDir(), 'none')), 'users'),
      ).rejects.toMatchObject({ code: 'not-found' });
    });

    for (const target of available) {
      it(`imports into an empty ${target.name} database and exports identical files`, async () => {
        for (const format of ['json', 'csv'] as const) {
          const into = await openTestContext(target.name, NOW);
          try {
            const restored = await restoreWorkspace(
              into.ctx,
              { workspaceId: null, actor: null, actorEmail: null },
              readArchive(files[format]),
            );
            const again = await exportBoth(into, { ...actor, workspaceId: restored.workspaceId });
            if (format === 'json')
              expect(fs.readFileSync(again.json, 'utf8')).toBe(fs.readFileSync(files.json, 'utf8'));
            else expect(readTree(again.csv)).toEqual(readTree(files.csv));
          } finally {
            await into.close();
          }
        }
      });
    }

    it('imports into a new workspace made by init, replacing what init made', async () => {
      const into = await openTestContext(source.name, NOW);
      try {
        // The same person, as `momentum init` makes them (an existing account keeps its name).
        const { owner } = await initWorkspace(into.ctx, {
          workspace: 'Fresh',
          name: OWNER.name,
          email: OWNER.email,
          timeZone: 'Europe/Berlin',
          region: 'DE',
        });
        const initOwner = actorOf(owner);
        await restoreWorkspace(
          into.ctx,
          { workspaceId: initOwner.workspaceId, actor: initOwner, actorEmail: OWNER.email },
          readArchive(files.json),
        );
        const again = await exportBoth(into, { ...actor, workspaceId: initOwner.workspaceId });
        expect(fs.readFileSync(again.json, 'utf8')).toBe(fs.readFileSync(files.json, 'utf8'));
      } finally {
        await into.close();
      }
    });

    it('refuses a workspace that holds records, and one the restorer is not a member of', async () => {
      await expect(
        restoreWorkspace(
          t.ctx,
          { workspaceId: actor.workspaceId, actor, actorEmail: OWNER.email },
          readArchive(files.json),
        ),
      ).rejects.toThrow(/empty workspace; this one already holds/);
      const into = await openTestContext(source.name, NOW);
      try {
        const { actor: stranger } = await seedWorkspace(into.ctx, 'Other', 'someone@else.test');
        await expect(
          restoreWorkspace(
            into.ctx,
            { workspaceId: stranger.workspaceId, actor: stranger, actorEmail: 'someone@else.test' },
            readArchive(files.json),
          ),
        ).rejects.toThrow(/not a member in this export/);
        // Nothing was half-written: init's owner is still there.
        const members = await into.ctx.members.listByWorkspace(
          into.ctx.runner.executor,
          stranger.workspaceId,
        );
        expect(members.map((m) => m.email)).toEqual(['someone@else.test']);
      } finally {
        await into.close();
      }
    });
  });
}
