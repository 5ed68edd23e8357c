import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

/*
 * axe-core, injected into the page under test (it is a devDependency and never part of the
 * app's bundle). The rules are every WCAG 2.0, 2.1 and 2.2 A and AA rule plus axe's best
 * practices: the standard the README promises.
 */
const AXE_SOURCE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core'), 'utf8');

export const AXE_TAGS = [
  'wcag2a',
  'wcag2aa',
  'wcag21a',
  'wcag21aa',
  'wcag22a',
  'wcag22aa',
  'best-practice',
];

/** One violation as a readable line per offending node, for the failure message. */
export interface AxeFinding {
  rule: string;
  impact: string;
  help: string;
  target: string;
  summary: string;
}

/* Runs in the page; written as text because this file is compiled without the DOM's types. */
const RUN_AXE = `(async (tags) => {
  const result = await window.axe.run(document, {
    runOnly: { type: 'tag', values: tags },
    resultTypes: ['violations'],
  });
  const out = [];
  for (const v of result.violations) {
    for (const node of v.nodes) {
      out.push({
        rule: v.id,
        impact: v.impact || '',
        help: v.help,
        target: node.target.join(' '),
        summary: (node.failureSummary || '').replace(/\\s+/g, ' ').slice(0, 300),
      });
    }
  }
  return out;
})`;

/** Every axe violation on the page as it is now. axe is injected once per document, evaluated
 * by the driver rather than added as a <script>: the app's Content-Security-Policy rightly
 * refuses inline scripts. */
export async function axeViolations(page: Page): Promise<AxeFinding[]> {
  const loaded = (await page.evaluate('typeof window.axe !== "undefined"')) as boolean;
  if (!loaded) await page.evaluate(AXE_SOURCE);
  return (await page.evaluate(`${RUN_AXE}(${JSON.stringify(AXE_TAGS)})`)) as AxeFinding[];
}

/** The findings as one line each: "rule (impact) at target: summary". */
export function describeFindings(findings: AxeFinding[]): string[] {
  return findings.map((f) => `${f.rule} (${f.impact}) at ${f.target}: ${f.summary}`);
}
