// `npm install` (prepare) and `npm run build`: compiles the server and CLI (scripts/cli-build.mjs)
// and builds the web app, so that `npm start` and `npx momentum` run compiled code. prepare
// skips what is already current; `npm run build` (--force) rebuilds the web app regardless.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { ROOT, buildCli } from './cli-build.mjs';

const started = performance.now();
const entry = await buildCli();
process.stdout.write(
  `Server and CLI: ${path.relative(ROOT, path.dirname(entry))}/ (${Math.round(performance.now() - started)} ms)\n`,
);
if (process.argv.includes('--force'))
  fs.rmSync(path.join(ROOT, 'web', 'dist'), { recursive: true, force: true });
execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'ensure-web-build.mjs')], {
  cwd: ROOT,
  stdio: 'inherit',
});
