// `npm start` builds the web app when it is missing or older than its sources, so that a fresh
// clone needs only `npm install && npm start`.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const dist = path.join(root, 'web', 'dist', 'index.html');

function newestMtime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(p));
    else newest = Math.max(newest, fs.statSync(p).mtimeMs);
  }
  return newest;
}

const sources = Math.max(
  newestMtime(path.join(root, 'web', 'src')),
  newestMtime(path.join(root, 'web', 'public')),
  fs.statSync(path.join(root, 'web', 'index.html')).mtimeMs,
  fs.statSync(path.join(root, 'web', 'vite.config.ts')).mtimeMs,
);
if (!fs.existsSync(dist) || fs.statSync(dist).mtimeMs < sources) {
  process.stdout.write('Building the web app (first run or sources changed)…\n');
  execFileSync(
    process.execPath,
    [
      path.join(root, 'node_modules', 'vite', 'bin', 'vite.js'),
      'build',
      '--config',
      'web/vite.config.ts',
      '--logLevel',
      'warn',
    ],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
}
