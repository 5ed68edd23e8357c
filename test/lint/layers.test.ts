import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';

/*
 * The dependency rules of .dependency-cruiser.mjs (decision 020) have to reject each way of
 * breaking the layers. test/lint/layers-fixture/ is a small tree laid out like the project; each
 * of its files starts with `// forbidden: rule…` (the rules its imports break) or `// allowed`.
 * dependency-cruiser runs over it with the project's own configuration, and every file must be
 * reported under exactly the rules it names. A rule removed or narrowed fails its own test.
 */
const ROOT = path.resolve('test', 'lint', 'layers-fixture');
const CONFIG = path.resolve('.dependency-cruiser.mjs');
const BIN = path.resolve('node_modules', '.bin', 'depcruise');

interface Violation {
  from: string;
  to: string;
  rule: { name: string };
}

function fixtureFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return fixtureFiles(p);
    return e.name.endsWith('.ts') ? [path.relative(ROOT, p).split(path.sep).join('/')] : [];
  });
}

const files = fixtureFiles(ROOT).map((file) => {
  const first = fs.readFileSync(path.join(ROOT, file), 'utf8').split('\n')[0]!;
  const m = first.match(/^\/\/ (?:forbidden: (.+)|(allowed)\b.*)$/);
  if (!m) throw new Error(`${file} must start with "// forbidden: rule…" or "// allowed"`);
  return { file, expected: m[1] ? m[1].trim().split(/\s+/).sort() : [] };
});

describe('dependency rules (dependency-cruiser)', () => {
  let violations: Violation[] = [];

  beforeAll(() => {
    const run = spawnSync(BIN, ['--config', CONFIG, '--output-type', 'json', 'src', 'web'], {
      cwd: ROOT,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    if (!run.stdout) throw new Error(`dependency-cruiser printed nothing: ${run.stderr}`);
    violations = JSON.parse(run.stdout).summary.violations as Violation[];
  }, 120_000);

  test('the fixture names every rule of the configuration', async () => {
    const { default: config } = (await import(CONFIG)) as {
      default: { forbidden: { name: string }[] };
    };
    const named = new Set(files.flatMap((f) => f.expected));
    for (const rule of config.forbidden) expect(named, rule.name).toContain(rule.name);
  });

  test.each(files)('$file', ({ file, expected }) => {
    const reported = [
      ...new Set(violations.filter((v) => v.from === file).map((v) => v.rule.name)),
    ];
    expect(reported.sort()).toEqual(expected);
  });
});
