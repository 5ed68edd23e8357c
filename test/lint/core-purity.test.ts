import fs from 'node:fs';
import path from 'node:path';
import { ESLint, type Linter } from 'eslint';
import { beforeAll, describe, expect, test } from 'vitest';

/*
 * The core's purity rules (eslint.config.js) have to catch each way of reaching the clock,
 * randomness, Node or an outer layer. The fixture holds one such line per pattern; it is linted
 * with the project's own configuration as if it were a file of src/core, and each marked line
 * must be reported by one of the purity rules. A rule removed or narrowed fails its own test.
 */
const FIXTURE = path.resolve('test', 'lint', 'core-purity.fixture.ts');
const AS_IF = path.resolve('src', 'core', 'purity-fixture', 'forbidden.ts');
const PURITY_RULES = new Set([
  'no-restricted-imports',
  'no-restricted-properties',
  'no-restricted-syntax',
  'no-restricted-globals',
]);

const lines = fs.readFileSync(FIXTURE, 'utf8').split('\n');
const marked = (word: 'forbidden' | 'allowed') =>
  lines.flatMap((text, i) => {
    const m = text.match(new RegExp(`\\S\\s+// ${word}: (.+)$`));
    return m ? [{ name: m[1]!, line: i + 1 }] : [];
  });

describe('src/core purity rules', () => {
  let messages: Linter.LintMessage[] = [];

  beforeAll(async () => {
    const eslint = new ESLint({ cwd: process.cwd() });
    // The fixture itself is ignored by the config; its text is checked under a core path.
    const [result] = await eslint.lintText(fs.readFileSync(FIXTURE, 'utf8'), { filePath: AS_IF });
    messages = result!.messages;
  }, 60_000);

  const reportedOn = (line: number) =>
    messages.filter((m) => m.line === line && m.ruleId !== null && PURITY_RULES.has(m.ruleId));

  test('the fixture is read as a core file and parses', () => {
    expect(messages.filter((m) => m.fatal)).toEqual([]);
    expect(marked('forbidden').length).toBeGreaterThan(20);
  });

  test.each(marked('forbidden'))('rejects $name', ({ line }) => {
    expect(reportedOn(line).length, lines[line - 1]).toBeGreaterThan(0);
  });

  test.each(marked('allowed'))('accepts $name', ({ line }) => {
    expect(reportedOn(line)).toEqual([]);
  });
});
