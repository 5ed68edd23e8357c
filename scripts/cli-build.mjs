// The compiled server and CLI (decision 006): src/cli/main.ts bundled by esbuild into
// dist/cli-<fingerprint>/, dependencies left external, one chunk per lazily loaded command.
// The folder is named after the sources it was built from (how many files, newest change), so
// a build that does not match src/ is never run: bin/momentum.mjs rebuilds it, or says how.
// Plain JavaScript, so that the bin can use it before anything is compiled.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SRC = path.join(ROOT, 'src');
const DIST = path.join(ROOT, 'dist');
/** Every file of a build sits two levels under the root, as src/cli/main.ts does: `../../package.json` and
 * `../../web/dist` resolve the same from the sources and from the build. */
const PREFIX = 'cli-';

/**
 * Pure-JavaScript libraries every command needs go into the build: Node resolves and links a
 * package's hundreds of ES modules one by one (Kysely alone: about 0.3 s), a bundled copy in
 * one pass. Native addons (better-sqlite3, argon2), libraries that read their own files at run
 * time (Fastify's static and Swagger UI plugins) and the server's stack stay in node_modules.
 */
const BUNDLED = new Set([
  'commander',
  'kysely',
  'date-holidays',
  'typebox',
  'temporal-polyfill',
  'chrono-node',
]);

/*
 * date-holidays, as bundled, took about 180 ms to load, in every command that reads a date. Most
 * of it was two tables that esbuild writes out as object literals, which V8 builds far more
 * slowly than JSON.parse reads the same text (about 85 ms against 18 for date-holidays' own):
 * its rules for every country, and the zone history of moment-timezone, which it uses to place
 * each holiday in the country's zone. The build writes both as JSON strings, taken from the
 * packages' own modules, so the data is the same.
 */
export const tablesAsJson = {
  name: 'tables-as-json',
  setup(build) {
    build.onLoad(
      { filter: /[\\/]date-holidays[\\/](src[\\/]data\.js|lib[\\/]data\.cjs)$/ },
      async (args) => {
        const { data } = await import(pathToFileURL(args.path).href);
        const json = JSON.stringify(JSON.stringify(data));
        return {
          contents: args.path.endsWith('.cjs')
            ? `exports.data = JSON.parse(${json});\n`
            : `export const data = JSON.parse(${json});\n`,
          loader: 'js',
        };
      },
    );
    build.onLoad(
      { filter: /[\\/]moment-timezone[\\/]data[\\/]packed[\\/]latest\.json$/ },
      (args) => {
        const json = JSON.stringify(JSON.stringify(JSON.parse(fs.readFileSync(args.path, 'utf8'))));
        return { contents: `module.exports = JSON.parse(${json});\n`, loader: 'js' };
      },
    );
  },
};

function externals() {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const names = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies }).filter(
    (name) => !BUNDLED.has(name),
  );
  return [...names, ...names.map((name) => `${name}/*`), 'pg-native'];
}

function walk(dir, acc) {
  const stat = fs.statSync(dir);
  acc.count += 1;
  acc.newest = Math.max(acc.newest, stat.mtimeMs);
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(p, acc);
    else if (!entry.name.endsWith('.test.ts')) {
      acc.count += 1;
      acc.newest = Math.max(acc.newest, fs.statSync(p).mtimeMs);
    }
  }
  return acc;
}

/** Names the sources as they are now: a file added, removed or changed changes the name
 * (a removal changes its folder's mtime). This script and the bundled packages' versions (an
 * upgrade by `npm install`; npm does not keep packages' file times) are part of the name too. */
export function sourcesFingerprint() {
  const acc = walk(SRC, { count: 0, newest: 0 });
  acc.newest = Math.max(acc.newest, fs.statSync(fileURLToPath(import.meta.url)).mtimeMs);
  let versions = '';
  for (const name of BUNDLED) {
    const manifest = path.join(ROOT, 'node_modules', name, 'package.json');
    if (fs.existsSync(manifest))
      versions += `${name}@${JSON.parse(fs.readFileSync(manifest, 'utf8')).version};`;
  }
  const bundled = createHash('sha256').update(versions).digest('hex').slice(0, 8);
  return `${acc.count}-${Math.floor(acc.newest)}-${bundled}`;
}

const entryOf = (fingerprint) => path.join(DIST, `${PREFIX}${fingerprint}`, 'main.js');

/** The build matching the sources, or null when it is missing or stale. Without src/ (an
 * installed copy that ships only dist/), the newest build. */
export function currentBuild() {
  if (!fs.existsSync(SRC)) {
    const builds = fs.existsSync(DIST)
      ? fs.readdirSync(DIST).filter((n) => n.startsWith(PREFIX))
      : [];
    const newest = builds
      .map((n) => path.join(DIST, n, 'main.js'))
      .filter((p) => fs.existsSync(p))
      .sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs)[0];
    return newest ?? null;
  }
  const entry = entryOf(sourcesFingerprint());
  return fs.existsSync(entry) ? entry : null;
}

/** Builds the sources into their folder (atomically: into a temporary folder, then renamed,
 * so concurrent starts never see half a build) and removes builds older than an hour. */
export async function buildCli() {
  const fingerprint = sourcesFingerprint();
  const target = path.dirname(entryOf(fingerprint));
  if (fs.existsSync(path.join(target, 'main.js'))) return path.join(target, 'main.js');
  const esbuild = await import('esbuild');
  const temporary = path.join(DIST, `.building-${process.pid}-${Date.now()}`);
  await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: { main: 'src/cli/main.ts' },
    outdir: temporary,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20.19',
    external: externals(),
    // Bundled CommonJS (date-holidays) calls require() for Node's built-ins.
    banner: {
      js: "import { createRequire as __momentumRequire } from 'node:module'; const require = __momentumRequire(import.meta.url);",
    },
    plugins: [tablesAsJson],
    chunkNames: '[name]-[hash]',
    sourcemap: 'linked',
    legalComments: 'none',
    logLevel: 'warning',
  });
  try {
    fs.renameSync(temporary, target);
  } catch (error) {
    // Another start built the same sources first; theirs is as good as ours.
    fs.rmSync(temporary, { recursive: true, force: true });
    if (!fs.existsSync(path.join(target, 'main.js'))) throw error;
  }
  const hourAgo = Date.now() - 3_600_000;
  for (const name of fs.readdirSync(DIST)) {
    const p = path.join(DIST, name);
    if (p === target || !(name.startsWith(PREFIX) || name.startsWith('.building-'))) continue;
    if (fs.statSync(p).mtimeMs < hourAgo) fs.rmSync(p, { recursive: true, force: true });
  }
  return path.join(target, 'main.js');
}

/** The build to run: the current one, or a fresh one when esbuild is installed; otherwise an
 * error that says what to do (never an old build). */
export async function compiledCli() {
  const current = currentBuild();
  if (current) return current;
  try {
    await import('esbuild');
  } catch {
    throw new Error(
      'The compiled CLI in dist/ is missing or older than src/, and esbuild is not installed to ' +
        'rebuild it. Run `npm install` (it builds on install) or `npm run build`.',
    );
  }
  if (process.stderr.isTTY) process.stderr.write('momentum: compiling (sources changed)…\n');
  return buildCli();
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const started = performance.now();
  const entry = await buildCli();
  process.stdout.write(
    `Built the server and CLI into ${path.relative(ROOT, path.dirname(entry))}/ in ${Math.round(performance.now() - started)} ms\n`,
  );
}
