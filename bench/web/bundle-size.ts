/**
 * The web app's initial JavaScript, gzipped, against its budget (docs/rules.md#performance-targets: under 200 KB).
 *
 * "Initial" is what the browser must fetch before the first page can run: every script of
 * web/dist/index.html, every chunk it preloads, and every chunk those import statically. Chunks
 * loaded with import() (one per page, uPlot with the charts) come later and are listed apart.
 *
 *   npm run build:web && npx tsx bench/web/bundle-size.ts
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const BUDGET_BYTES = 200 * 1024;
const dist = path.resolve(process.argv[2] ?? 'web/dist');
const indexFile = path.join(dist, 'index.html');
if (!fs.existsSync(indexFile)) {
  process.stderr.write(`No ${indexFile}: run npm run build:web first.\n`);
  process.exit(1);
}
const html = fs.readFileSync(indexFile, 'utf8');

const attr = (tag: string, name: string) => new RegExp(`${name}="([^"]+)"`).exec(tag)?.[1];
const entries = new Set<string>();
for (const tag of html.match(/<script\b[^>]*>/g) ?? []) {
  const src = attr(tag, 'src');
  if (src) entries.add(src);
}
for (const tag of html.match(/<link\b[^>]*>/g) ?? []) {
  const href = attr(tag, 'href');
  if (href && /rel="modulepreload"/.test(tag)) entries.add(href);
}
const css = (html.match(/<link\b[^>]*rel="stylesheet"[^>]*>/g) ?? [])
  .map((tag) => attr(tag, 'href'))
  .filter((h): h is string => Boolean(h));

const fileOf = (url: string, from = dist) =>
  url.startsWith('/') ? path.join(dist, url) : path.resolve(from, url);
// Static imports as the bundler writes them: `import{a as b}from"./x.js"` and `import"./x.js"`.
const STATIC_IMPORT = /\bimport\s*(?:[\w$*{}\s,]+?\s*from\s*)?["'](\.{1,2}\/[^"']+\.js)["']/g;

const initial = new Set<string>();
const queue = [...entries].map((u) => fileOf(u));
while (queue.length) {
  const file = queue.pop()!;
  if (initial.has(file)) continue;
  initial.add(file);
  const code = fs.readFileSync(file, 'utf8');
  for (const m of code.matchAll(STATIC_IMPORT)) queue.push(path.resolve(path.dirname(file), m[1]!));
}

const gzip = (file: string) => zlib.gzipSync(fs.readFileSync(file)).length;
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const rel = (file: string) => path.relative(dist, file);

let total = 0;
process.stdout.write('Initial JavaScript (loaded before the first page runs), gzipped:\n');
for (const file of [...initial].sort()) {
  const size = gzip(file);
  total += size;
  process.stdout.write(`  ${rel(file).padEnd(44)} ${kb(size).padStart(9)}\n`);
}
const allJs = fs
  .readdirSync(path.join(dist, 'assets'))
  .filter((f) => f.endsWith('.js'))
  .map((f) => path.join(dist, 'assets', f));
// boot.js lives beside index.html, outside assets/.
const lazy = allJs.filter((f) => !initial.has(f));
const lazyTotal = lazy.reduce((s, f) => s + gzip(f), 0);
const cssTotal = css.reduce((s, h) => s + gzip(fileOf(h)), 0);

process.stdout.write(
  `\ninitial JS   ${kb(total)} gzipped (${initial.size} files)\n` +
    `budget       ${kb(BUDGET_BYTES)}\n` +
    `ratio        ${(total / BUDGET_BYTES).toFixed(2)} of the budget\n` +
    `lazy chunks  ${kb(lazyTotal)} gzipped in ${lazy.length} files, loaded per page\n` +
    `CSS          ${kb(cssTotal)} gzipped\n`,
);
if (total > BUDGET_BYTES) {
  process.stdout.write('OVER BUDGET\n');
  process.exit(1);
}
