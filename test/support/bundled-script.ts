/*
 * A TypeScript script a suite starts as a process many times (the crash test's writer: 40 times a
 * run), bundled once by esbuild into one JavaScript file, so that each start costs Node's own
 * start-up instead of tsx compiling and linking every module again (issue 15, decision 027):
 *
 *   spawn(process.execPath, [await bundledScript(WRITER), ...args]);
 *
 * Packages stay external and load from node_modules. The file goes to .cache/test-scripts/, two
 * folders under the root as the CLI's build is (decision 006), so that the sources' own
 * `import.meta.url` paths (package.json, native drivers) resolve as they do from src/; it is
 * named after what it contains, so that the suites of both workers and of every run share it
 * and an edited script is never run from an old bundle.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

const ROOT = path.resolve(import.meta.dirname, '../..');
const FOLDER = path.join(ROOT, '.cache', 'test-scripts');

const bundles = new Map<string, Promise<string>>();

/** The path of `entry` (a .ts file) bundled into JavaScript, built on the first call. */
export function bundledScript(entry: string): Promise<string> {
  let bundle = bundles.get(entry);
  if (!bundle) {
    bundle = buildBundle(entry);
    bundles.set(entry, bundle);
  }
  return bundle;
}

async function buildBundle(entry: string): Promise<string> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    write: false,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]!.contents;
  const hash = createHash('sha256').update(code).digest('hex').slice(0, 16);
  const file = path.join(FOLDER, `${path.basename(entry, '.ts')}-${hash}.mjs`);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(FOLDER, { recursive: true });
    // Written aside and renamed: another worker may be starting the same file meanwhile.
    const aside = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(aside, code);
    fs.renameSync(aside, file);
  }
  return file;
}
