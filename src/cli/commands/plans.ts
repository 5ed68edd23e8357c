import fs from 'node:fs';
import type { Command } from 'commander';
import type { PlanDiff } from '../../core/plans/diff.ts';
import {
  comparePlanRevisions,
  editPlan,
  getPlan,
  listPlanRevisions,
} from '../../core/plans/flows/revise-plan.ts';
import type { PlanRevision } from '../../core/plans/ports.ts';
import { DomainError, invalid } from '../../core/kernel/errors.ts';
import {
  presentComparison,
  presentRevision,
  presentRevisionSummary,
  presentSavedPlan,
} from '../../contract/plans/plan.ts';
import { formatTable, printJson, printTable } from '../output.ts';
import { dealIdFor, parseInteger, resolveCliActor, withContext } from '../runtime.ts';

/** Reads a JSON file given on the command line ("-" is stdin), with errors a person can act on. */
export function readJsonFile(file: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw invalid(
      code === 'ENOENT' ? `No file ${file}.` : `Cannot read ${file} (${code ?? 'error'}).`,
    );
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw invalid(`${file} is not valid JSON: ${(error as Error).message}`);
  }
}

function textOf(value: unknown): string {
  if (Array.isArray(value)) return value.length ? JSON.stringify(value) : '(none)';
  return value === '' || value === null || value === undefined ? '(empty)' : String(value);
}

/** A diff as a table of milestone changes and a line per other field changed. */
export function formatDiff(diff: PlanDiff): string {
  const lines: string[] = [];
  if (diff.milestones.length) {
    lines.push(
      formatTable(
        ['CHANGE', 'ID', 'MILESTONE', 'FROM', 'TO'],
        diff.milestones.map((m) => [
          m.days !== null ? `${m.kind} (${m.days > 0 ? '+' : ''}${m.days}d)` : m.kind,
          m.id,
          m.title,
          m.from ?? '—',
          m.to ?? '—',
        ]),
      ),
    );
  }
  for (const f of diff.fields) {
    lines.push(`${f.field}: ${textOf(f.before)} → ${textOf(f.after)}`);
  }
  return lines.length ? lines.join('\n') : 'No change.';
}

function formatPlan(r: PlanRevision, latest: number): string {
  const d = r.document;
  const out = [
    `Plan of deal ${r.dealId}, revision ${r.number} of ${latest}, saved ${r.createdAt}${r.callId ? ` after call ${r.callId}` : ''}${r.summary ? ` (${r.summary})` : ''}`,
    '',
    `Objective: ${d.objective || '(none yet)'}`,
    `Decision process: ${d.decisionProcess || '(none yet)'}`,
  ];
  if (d.people.length) {
    out.push('People:');
    for (const p of d.people) out.push(`  ${p.name}${p.role ? `, ${p.role}` : ''} (${p.side})`);
  }
  out.push('');
  out.push(
    d.milestones.length
      ? formatTable(
          ['ID', 'MILESTONE', 'SIDE', 'DATE', 'STATE'],
          d.milestones.map((m) => [m.id, m.title, m.side, m.date ?? '—', m.state]),
        )
      : 'No milestones yet.',
  );
  if (d.risks.length) {
    out.push('', 'Risks:');
    for (const r of d.risks) out.push(`  - ${r}`);
  }
  return out.join('\n');
}

/**
 * What `plan edit` reads: a plan document, or what `plan show --json` printed (a revision with
 * its document), whose number then serves as the base so that an edit over a newer revision is
 * caught.
 */
export function planFromFile(file: string): { document: unknown; base: number | null } {
  const value = readJsonFile(file);
  if (value && typeof value === 'object' && 'document' in value && 'number' in value) {
    const { document, number } = value as { document: unknown; number: unknown };
    return { document, base: typeof number === 'number' ? number : null };
  }
  return { document: value, base: null };
}

export function registerPlanCommands(program: Command): void {
  const plan = program
    .command('plan')
    .description(
      'The deal plan (habit 2): objective, people, milestones, risks; every change a revision',
    );

  plan
    .command('show')
    .description('Show a deal’s plan (the latest revision, or --rev N)')
    .argument('<deal>', 'deal id, or a unique part of its title or account name')
    .option('--rev <n>', 'revision number', parseInteger('--rev'))
    .option('--json', 'print JSON (edit it and pass it to "plan edit")')
    .action(async (deal: string, opts, command: Command) => {
      await withContext(command, async (ctx) => {
        const actor = await resolveCliActor(ctx, command);
        const dealId = await dealIdFor(ctx, actor, deal);
        const revision = await getPlan(ctx, actor, dealId, opts.rev);
        if (opts.json) return printJson(presentRevision(revision));
        const latest = (await listPlanRevisions(ctx, actor, dealId)).length;
        process.stdout.write(`${formatPlan(revision, latest)}\n`);
      });
    });

  plan
    .command('edit')
    .description('Save a new revision of a deal’s plan from a JSON file')
    .argument('<deal>', 'deal id, or a unique part of its title or account name')
    .argument(
      '<file>',
      'a plan: {"objective", "decisionProcess", "people", "milestones": [{"id","title","side","date","state"}], "risks"}, or the output of "plan show --json"; "-" reads stdin',
    )
    .option('--call <id>', 'the call that caused this change')
    .option(
      '--base <rev>',
      'the revision you edited: refused if someone saved since (default: the number in the file, else the latest)',
      parseInteger('--base'),
    )
    .option('--json', 'print JSON')
    .action(async (deal: string, file: string, opts, command: Command) => {
      const { document, base } = planFromFile(file);
      await withContext(command, async (ctx) => {
        const actor = await resolveCliActor(ctx, command);
        const saved = await editPlan(ctx, actor, await dealIdFor(ctx, actor, deal), {
          document,
          base: opts.base ?? base,
          callId: opts.call ?? null,
        });
        if (opts.json) return printJson(presentSavedPlan(saved));
        const r = saved.revision;
        if (saved.unchanged) {
          process.stdout.write(
            `No change: the plan of ${r.dealId} is already revision ${r.number}.\n`,
          );
          return;
        }
        process.stdout.write(`Saved plan revision ${r.number} of ${r.dealId}: ${r.summary}.\n`);
        if (r.number > 1) process.stdout.write(`${formatDiff(saved.diff)}\n`);
      });
    });

  plan
    .command('diff')
    .description(
      'What changed between two revisions: milestones added, removed, completed, advanced, slipped; other fields',
    )
    .argument('<deal>', 'deal id, or a unique part of its title or account name')
    .argument('[from]', 'the earlier revision (default: the one before the later)')
    .argument('[to]', 'the later revision (default: the latest)')
    .option('--json', 'print JSON')
    .action(
      async (
        deal: string,
        from: string | undefined,
        to: string | undefined,
        opts,
        command: Command,
      ) => {
        const number = (v: string | undefined, name: string) =>
          v === undefined ? undefined : parseInteger(name)(v);
        const range = { from: number(from, 'from'), to: number(to, 'to') };
        if (range.from !== undefined && range.to !== undefined && range.from > range.to) {
          throw new DomainError(
            'validation',
            `Give the earlier revision first (${range.to} ${range.from}).`,
          );
        }
        await withContext(command, async (ctx) => {
          const actor = await resolveCliActor(ctx, command);
          const dealId = await dealIdFor(ctx, actor, deal);
          const comparison = await comparePlanRevisions(ctx, actor, dealId, {
            ...(range.from !== undefined && { from: range.from }),
            ...(range.to !== undefined && { to: range.to }),
          });
          if (opts.json) return printJson(presentComparison(comparison));
          process.stdout.write(
            `Plan of ${dealId}: revision ${comparison.from?.number ?? '(none)'} → ${comparison.to.number}\n${formatDiff(comparison.diff)}\n`,
          );
        });
      },
    );

  plan
    .command('history')
    .description('A deal’s plan revisions, oldest first, with the call behind each')
    .argument('<deal>', 'deal id, or a unique part of its title or account name')
    .option('--json', 'print JSON')
    .action(async (deal: string, opts, command: Command) => {
      await withContext(command, async (ctx) => {
        const actor = await resolveCliActor(ctx, command);
        const dealId = await dealIdFor(ctx, actor, deal);
        const revisions = await listPlanRevisions(ctx, actor, dealId);
        if (opts.json) return printJson(revisions.map(presentRevisionSummary));
        const names = new Map(
          (await ctx.members.listByWorkspace(ctx.runner.executor, actor.workspaceId)).map((m) => [
            m.id,
            m.name,
          ]),
        );
        printTable(
          ['REV', 'SAVED', 'BY', 'CALL', 'CHANGE'],
          revisions.map((r) => [
            r.number,
            r.createdAt,
            names.get(r.authorId) ?? r.authorId,
            r.callId ?? '',
            r.summary ?? '',
          ]),
          `No plan yet. Write one: momentum plan edit ${dealId} plan.json`,
        );
      });
    });
}
