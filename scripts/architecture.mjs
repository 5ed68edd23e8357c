#!/usr/bin/env node
/*
 * Writes docs/architecture.md from the tree as it is: every folder of src/ and web/src/, the
 * layers of src/core in the order .dependency-cruiser.mjs enforces them with what each one
 * really imports (read by dependency-cruiser), and the dependency rules themselves.
 *   node scripts/architecture.mjs          rewrite docs/architecture.md
 *   node scripts/architecture.mjs --check  exit 1 when it is out of date
 * What each folder holds is written once, below (FOLDERS); a folder missing there is listed as
 * undescribed, and test/lint/architecture.test.ts fails until it is described.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import config, { layers } from '../.dependency-cruiser.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.join(ROOT, 'docs', 'architecture.md');

export const FOLDERS = {
  'src/app':
    'the composition root shared by HTTP and CLI: store, real clock, ids, secrets, password hasher, version; the way HTTP reaches storage (`database-failures.ts`)',
  'src/app/calendar':
    'reading .ics files with node-ical (series expanded, Windows zones) for the calendar import',
  'src/app/demo':
    'the sample workspace (built through the use cases), for `momentum demo` and first-run exploring',
  'src/app/digest': 'sending the daily digest e-mail',
  'src/app/import-export': 'CSV and archive files in and out, and the import jobs',
  'src/app/jobs':
    "the job queues (graphile-worker on PostgreSQL, the `jobs` table on SQLite), every job's handler, starting a runner",
  'src/app/mail':
    'e-mail in (IMAP, SMTP receiver, .eml) and the mails the product sends (invitations, password resets)',
  'src/app/webhooks':
    'the outbox, signing (Standard Webhooks) and sending with the resolved address checked and pinned',
  'src/cli': 'the `momentum` command (commander): same use cases, wired the same way',
  'src/cli/commands': 'one file per command group',
  'src/contract':
    'the wire contract shared by HTTP and CLI: TypeBox views and `present*()` typed against them (decision 022)',
  'src/contract/accounts': 'views and presenters of accounts and contacts',
  'src/contract/audit': 'views and presenters of audit-log entries',
  'src/contract/auth': 'views and presenters of API tokens and sessions',
  'src/contract/calls': 'views and presenters of calls, their habits and proposals',
  'src/contract/commitments': 'views and presenters of promises and their renegotiations',
  'src/contract/deals': 'views and presenters of deals, outcomes and health flags',
  'src/contract/imports': 'views and presenters of import jobs and their mapping previews',
  'src/contract/insights': 'views and presenters of the manager insights',
  'src/contract/march': 'views and presenters of the march and its settings',
  'src/contract/members': 'views and presenters of members and invitations',
  'src/contract/momentum': 'views and presenters of one deal’s momentum report',
  'src/contract/next-steps': 'views and presenters of the one open next step',
  'src/contract/plans': 'views and presenters of the versioned deal plan',
  'src/contract/playbook': 'views and presenters of the ten call habits',
  'src/contract/today': 'views and presenters of the Today agenda and stages',
  'src/contract/touches': 'views and presenters of touches',
  'src/contract/webhooks': 'views and presenters of webhooks and their deliveries',
  'src/core': 'the domain: types, rules and use cases, pure TypeScript (layers below)',
  'src/core/kernel':
    'what every use case builds on: domain errors (and the version conflict), id generator, `Clock`, `TransactionRunner`/`Executor`, the audit-log port, `WriteDeps`/`ReadDeps`',
  'src/core/time':
    'one set of date helpers: ISO dates and their range, day numbers, local days in a zone (`DayView`), weekdays and weekends, the `Day` of extraction, formatting a day for people',
  'src/core/search': 'folding text for search and ranking candidates',
  'src/core/jobs':
    "the job port: enqueue (alone or inside a use case's transaction), handlers by type, cron entries (decision 017)",
  'src/core/calendar':
    'business days per member (weekends, public holidays by region, days off), local times and zones, and the early-target rule',
  'src/core/workspaces':
    "workspaces, members, roles and permissions, validation, a member's calendar",
  'src/core/audit':
    "recording an audit entry inside a write's transaction, and who may read the log",
  'src/core/auth':
    'password policy, proving an existing account, the ports for sessions, tokens, secrets and hashing',
  'src/core/playbook': 'the ten call habits, their defaults and validation',
  'src/core/webhooks': 'webhook events, the outbox port, which addresses are not public (SSRF)',
  'src/core/deals':
    'deals, stages and their neglect thresholds, deal outcomes; visibility (`rules.ts`) and field parsing',
  'src/core/accounts':
    "accounts and contacts (the workspace's shared address book), finding an account by id or name",
  'src/core/commitments': 'promises: types, targets, validation, what completing one triggers',
  'src/core/next-steps': 'the one open next step per deal',
  'src/core/touches':
    "forward actions on a deal; recording one keeps the deal's last touch and next step in step",
  'src/core/extraction':
    'deterministic extraction of promises, due dates and the next step from call notes',
  'src/core/calls':
    'calls: types, validation, attendees, what a call is about, previewing proposals, reading calls',
  'src/core/plans': 'the versioned deal plan, its document, diff and milestone movement',
  'src/core/march':
    'the daily march: floor, ceiling, streak, consistency, stall/on/rush bands, its report',
  'src/core/neglect': 'neglect rules and their reasons',
  'src/core/momentum':
    "the momentum score, its factors and daily history; one deal's momentum report (`deal-momentum.ts`)",
  'src/core/today':
    'the agenda planner: fixed and flexible items, floor and ceiling, rolling to later days; momentum and neglect flags for a list of deals (`deal-list-health.ts`)',
  'src/core/insights':
    'promise keeping, march, habits vs win rate, reasons, lessons, neglect and momentum over time',
  'src/core/notifications': 'the daily digest: content, schedule, preferences',
  'src/core/mail': 'e-mail in: matching a message to a deal and its promises, quotes, new promises',
  'src/core/import-export':
    'importing CRM exports (column mapping, values, resolving rows) and the archive format',
  'src/core/import-export/sources': 'the column names of HubSpot, Pipedrive and Salesforce exports',
  'src/core/calendar-feeds':
    'the private ICS feed (secret hashed, rotate, revoke) and booking imported meetings on the deal whose contacts attend',
  'src/storage': 'Kysely over better-sqlite3 and pg: schema types, executor bridge, online backup',
  'src/storage/connection':
    'opening either dialect, pragmas, pool settings and timeouts, the dialect capabilities, the change feed, what a driver error means',
  'src/storage/import-export': 'bulk writes for imports and reads for exports',
  'src/storage/migrations': 'TypeScript up/down migrations that run on both dialects',
  'src/storage/momentum': 'the stored momentum history',
  'src/storage/dialects':
    'one driver interface and its capability flags; what differs between the dialects lives only here (decision 023)',
  'src/storage/dialects/postgres':
    'pg pool, LISTEN/NOTIFY change feed, schema-scoped migrator, backup, error classes',
  'src/storage/dialects/sqlite':
    'better-sqlite3, data_version change feed, IMMEDIATE transactions, online backup, error classes',
  'src/storage/queries': 'read models for hot or wide reads (Today, insights)',
  'src/storage/repositories': 'one repository per concept; rows become domain objects here',
  'src/http': 'Fastify server, problem-details mapping, static web app',
  'src/http/auth': 'who is calling: bearer tokens and session cookies',
  'src/http/caching':
    'what the server remembers between requests (credentials, Today, encoded reads), trusted while the change feed is still',
  'src/http/calendar': 'writing the ICS feed with ical-generator',
  'src/http/routes': 'one file per resource, TypeBox schemas beside each route',
  'src/http/schemas': 'shared schemas (Problem, ids, dates)',
  'src/http/security':
    'CSRF, allowed host names, trusted proxies, rate limits and throttles, security headers, If-Match preconditions, input guards, the route catalogue',
  'web/src': 'React + Vite app, talking only to the HTTP API',
  'web/src/api': 'the typed API client and its types',
  'web/src/app': 'shell, routing, keyboard shortcuts, session',
  'web/src/api/generated':
    'types generated from /openapi.json (`npm run gen:api`; checked by a test)',
  'web/src/components': 'shared UI pieces (charts, lists, forms)',
  'web/src/components/form':
    'shared form pieces: field with label and hint, fieldset, icon button, actions',
  'web/src/features': 'one folder per feature: its page, panels and CSS',
  'web/src/features/deal': 'the deal page: plan, calls, outcome, close dialog, momentum trend',
  'web/src/features/log-call': 'Log a call: the page and its draft reducer',
  'web/src/features/settings': 'Settings: one panel per tab',
  'web/src/components/a11y':
    'the accessible patterns every page reuses: radio group, tabs, scroll region, the live-region announcer',
  'web/src/lib': 'small browser-side helpers (dates, formatting)',
  'web/src/pages': 'one file per page or dialog',
  'web/src/pages/import': 'the import wizard',
};
const FLOWS = 'the use cases that open transactions';

const OTHER = [
  [
    'bench/',
    'benchmarks that print ratios against a bare baseline measured in the same run (`bench/support/`: the data generator)',
  ],
  [
    'test/',
    'integration suites (looped over `DIALECTS`), one folder per concept; `test/support/`: dialect loop, frozen clock, fixtures, HTTP and CLI helpers, in-memory fakes',
  ],
  [
    'test/lint/',
    "the purity rules' test (ESLint) and the layer rules' test (dependency-cruiser), each with fixtures that must be rejected; the check that this map covers every folder",
  ],
  ['e2e/', "browser tests (playwright-core driving Debian's Chromium)"],
  [
    'docs/',
    '`rules.md` (the product rules the code cites), this map, `decisions/` (decision records)',
  ],
  [
    'scripts/',
    "the build (esbuild into `dist/`, decision 006), the dev entry, the test runner, this map's generator",
  ],
  ['.ci/', '`run`: what CI executes on a clean clone'],
];

function folders(dir) {
  const out = [];
  for (const e of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    if (!e.isDirectory()) continue;
    const sub = `${dir}/${e.name}`;
    out.push(sub, ...folders(sub));
  }
  return out;
}

export function treeFolders() {
  return ['src', ...folders('src'), 'web/src', ...folders('web/src')].filter((f) => f !== 'src');
}

function cruise() {
  const run = spawnSync(
    path.join(ROOT, 'node_modules', '.bin', 'depcruise'),
    ['--config', '.dependency-cruiser.mjs', '--output-type', 'json', 'src', 'web/src'],
    { cwd: ROOT, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 },
  );
  if (!run.stdout) throw new Error(`dependency-cruiser failed: ${run.stderr}`);
  return JSON.parse(run.stdout);
}

/** The layer of a core module: `deals` for its model, `deals/flows` for its flows. */
const unitOf = (p) => {
  const m = p.match(/^src\/core\/([^/]+)\/(flows\/)?/);
  return m ? m[1] + (m[2] ? '/flows' : '') : null;
};
const partOf = (p) => {
  const m = p.match(/^(src\/[^/]+|web\/src)\//);
  return m ? m[1] : p.startsWith('node_modules/') || !p.includes('/') ? null : null;
};

export function render(result) {
  const coreImports = new Map();
  const partImports = new Map();
  for (const m of result.modules) {
    const from = unitOf(m.source);
    const fromPart = partOf(m.source);
    for (const d of m.dependencies) {
      const to = unitOf(d.resolved);
      if (from && to && from !== to) {
        if (!coreImports.has(from)) coreImports.set(from, new Set());
        coreImports.get(from).add(to);
      }
      const toPart = partOf(d.resolved);
      if (fromPart && toPart && fromPart !== toPart) {
        if (!partImports.has(fromPart)) partImports.set(fromPart, new Set());
        partImports.get(fromPart).add(toPart);
      }
    }
  }
  const order = [...layers.models, ...layers.flows.map((f) => `${f}/flows`)];
  const rank = (u) => order.indexOf(u);
  const list = (set) =>
    set && set.size
      ? [...set]
          .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))
          .map((u) => `\`${u}\``)
          .join(', ')
      : '—';
  const describe = (f) =>
    FOLDERS[f] ?? '**not described yet** (add it to scripts/architecture.mjs)';

  const lines = [];
  lines.push(
    '# Architecture',
    '',
    '<!-- Generated by `node scripts/architecture.mjs` from the tree and .dependency-cruiser.mjs;',
    '     edit the descriptions there, not here. -->',
    '',
    'A map of the tree and the dependencies allowed between its parts (decision record 020). The',
    'rules are checked by dependency-cruiser in `npm run lint` (`.dependency-cruiser.mjs`; each is',
    'shown to reject a breaking file by `test/lint/layers.test.ts`); the purity of the core (no',
    'clock, randomness or global state) is checked by ESLint (`eslint.config.js`,',
    '`test/lint/core-purity.test.ts`). The product rules the code follows are in `docs/rules.md`.',
    '',
    '## The parts and what each may import',
    '',
    '| part | imports (as the code stands) | may not import |',
    '|---|---|---|',
  );
  const mayNot = {
    'src/core': 'app, storage, http, cli, web; Node modules; drivers, Kysely, Fastify, commander',
    'src/app': '—',
    'src/storage': 'app, http, cli',
    'src/http': 'storage (reached through `src/app`)',
    'src/cli': 'http (except `serve`)',
    'web/src': 'anything in src/ (only the HTTP API)',
  };
  for (const part of ['src/core', 'src/app', 'src/storage', 'src/http', 'src/cli', 'web/src']) {
    const imports = partImports.get(part);
    lines.push(
      `| \`${part}/\` | ${
        imports
          ? [...imports]
              .sort()
              .map((p) => `\`${p}\``)
              .join(', ')
          : '—'
      } | ${mayNot[part]} |`,
    );
  }
  lines.push(
    '',
    '## The layers of src/core',
    '',
    "Lowest first. `kernel` and `time` import nothing else from the core. A concept's **model**",
    '(the files directly in its folder: types, rules, ports and the reads built on them) imports',
    'only the models above it in this table. Its **flows** (`flows/`: the use cases that open',
    'transactions) come after every model and import any model and the flows listed before them.',
    'No layer imports one below it in the table, so the folders of the core have no cycle.',
    '',
    '| # | folder | what it holds | imports |',
    '|---|---|---|---|',
  );
  order.forEach((u, i) => {
    const folder = `src/core/${u}`;
    const what = u.endsWith('/flows') ? FLOWS : describe(folder);
    lines.push(`| ${i + 1} | \`${folder}/\` | ${what} | ${list(coreImports.get(u))} |`);
    if (u.endsWith('/flows')) return;
    for (const sub of treeFolders().filter(
      (f) => f.startsWith(`${folder}/`) && !f.startsWith(`${folder}/flows`),
    )) {
      lines.push(`| ${i + 1} | \`${sub}/\` | ${describe(sub)} | (part of \`${u}\`) |`);
    }
  });
  const unlisted = treeFolders().filter(
    (f) =>
      f.startsWith('src/core/') &&
      !order.some((u) => f === `src/core/${u}` || f.startsWith(`src/core/${u}/`)),
  );
  for (const f of unlisted)
    lines.push(`| — | \`${f}/\` | **not in a layer** (.dependency-cruiser.mjs) | |`);

  lines.push('', '## Folders outside the core', '', '| folder | what it holds |', '|---|---|');
  for (const f of treeFolders().filter((x) => !x.startsWith('src/core/') && x !== 'src/core')) {
    lines.push(`| \`${f}/\` | ${describe(f)} |`);
  }
  for (const [f, what] of OTHER) lines.push(`| \`${f}\` | ${what} |`);

  lines.push('', '## The dependency rules', '', '| rule | what it forbids |', '|---|---|');
  const seen = new Set();
  for (const rule of config.forbidden) {
    if (seen.has(rule.name)) continue;
    seen.add(rule.name);
    const comment =
      rule.name === 'core-layers'
        ? 'importing a layer of src/core that comes later in the table above (one rule per layer)'
        : rule.comment;
    lines.push(`| \`${rule.name}\` | ${comment.replace(/\|/g, '\\|')} |`);
  }
  return lines.join('\n') + '\n';
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const text = render(cruise());
  if (process.argv.includes('--check')) {
    if (fs.readFileSync(OUT, 'utf8') !== text) {
      console.error('docs/architecture.md is out of date: run node scripts/architecture.mjs');
      process.exit(1);
    }
  } else {
    fs.writeFileSync(OUT, text);
  }
}
