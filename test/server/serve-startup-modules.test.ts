import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/*
 * `momentum serve` must answer its first request fast (issue 15: ≤ 10× a bare node:http
 * server). Libraries only some routes use are loaded by those routes on first use, never at
 * start-up: the compiled server is started with a loader hook that records every module it
 * loads, ES module or CommonJS, until GET /api/v1/health answers; the packages behind them
 * (from node_modules, and those esbuild bundled into the loaded chunks, from their source maps)
 * must include none of these.
 */
const LAZY = [
  'mailparser', // e-mail in (app/mail/parse-eml.ts)
  'html-to-text',
  'node-ical', // calendar import (app/calendar/read-ics.ts)
  'ical-generator', // calendar feeds (http/calendar/ics-feed.ts)
  'csv-parse', // imports and exports (app/import-export)
  'csv-stringify',
  'nodemailer', // outgoing mail (app/mail/smtp-mailer.ts)
  'imapflow', // IMAP polling (app/mail/imap.ts)
  'graphile-worker', // the PostgreSQL job queue (started after listening, or by `worker`)
  '@node-rs/argon2', // passwords: the first sign-in or sign-up
];

const ROOT = path.resolve(import.meta.dirname, '../..');
const BIN = path.join(ROOT, 'bin', 'momentum.mjs');
const RECORDER = path.join(ROOT, 'test', 'support', 'module-recorder.mjs');

/** The package a file belongs to, from its path under node_modules. */
function packageOf(file: string): string | null {
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)\/(?!.*node_modules\/)/.exec(file);
  return m ? m[1]! : null;
}

describe('momentum serve at start-up', () => {
  let dir: string;
  let loaded: string[] = [];

  beforeAll(async () => {
    // The build of the current sources (the bin would make it too, but not while recording).
    execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'cli-build.mjs')], { cwd: ROOT });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'momentum-serve-modules-'));
    const record = path.join(dir, 'modules.txt');
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      MOMENTUM_DB: path.join(dir, 'momentum.db'),
      MODULE_RECORD_FILE: record,
    };
    delete env.DATABASE_URL;
    delete env.PORT;
    delete env.MAIL_SMTP_PORT;
    const child = spawn(
      process.execPath,
      [
        '--import',
        RECORDER,
        BIN,
        'serve',
        '--quiet',
        '--no-jobs',
        '--host',
        '127.0.0.1',
        '--port',
        '0',
      ],
      { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    const exited = new Promise((resolve) => child.on('exit', resolve));
    try {
      for (let i = 0; i < 1200 && !/running at http:\/\/\S+:\d+/.test(out); i++) {
        if (child.exitCode !== null) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      const port = Number(/running at http:\/\/\S+:(\d+)/.exec(out)?.[1]);
      expect(port, out).toBeGreaterThan(0);
      const health = await fetch(`http://127.0.0.1:${port}/api/v1/health`);
      expect(health.status).toBe(200);
      loaded = [...new Set(fs.readFileSync(record, 'utf8').split('\n').filter(Boolean))];
    } finally {
      child.kill('SIGTERM');
      await exited;
    }
  }, 180_000);

  afterAll(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('loads none of the libraries only some routes need', () => {
    const files = loaded.filter((u) => u.startsWith('file:')).map((u) => fileURLToPath(u));
    const packages = new Set(files.map(packageOf).filter((p): p is string => p !== null));
    // Pure-JavaScript libraries bundled into the build are in its chunks: their source maps
    // name them.
    const chunks = files.filter((f) => /\/dist\/cli-[^/]+\/[^/]+\.js$/.test(f));
    for (const chunk of chunks) {
      const map = JSON.parse(fs.readFileSync(`${chunk}.map`, 'utf8')) as { sources: string[] };
      for (const source of map.sources) {
        const name = packageOf(source);
        if (name) packages.add(name);
      }
    }
    // The recording works: it saw the server's own stack and the build's chunks.
    expect(packages).toContain('fastify');
    expect(packages).toContain('kysely');
    expect(chunks.length).toBeGreaterThan(3);
    expect(LAZY.filter((name) => packages.has(name))).toEqual([]);
  });
});
