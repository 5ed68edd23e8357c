import { InvalidArgumentError, type Command } from 'commander';
import { searchWorkspace } from '../../core/accounts/address-book.ts';
import { presentSearchHit } from '../../contract/accounts/search-result.ts';
import { printJson, printTable } from '../output.ts';
import { resolveCliActor, withContext } from '../runtime.ts';

const KIND = { deal: 'deal', account: 'account', contact: 'contact' } as const;

function parseLimit(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 50) {
    throw new InvalidArgumentError('a whole number from 1 to 50');
  }
  return n;
}

export function registerSearchCommand(program: Command): void {
  program
    .command('search')
    .description(
      'Search deals, accounts and contacts (case and accents ignored; every word must match), best first',
    )
    .argument('<text...>', 'what to look for, e.g. "zoe acme"')
    .option('--limit <n>', 'at most this many results (1–50)', parseLimit, 20)
    .option('--json', 'print JSON')
    .action(async (words: string[], opts, command: Command) => {
      await withContext(command, async (ctx) => {
        const query = words.join(' ');
        const hits = await searchWorkspace(
          ctx,
          await resolveCliActor(ctx, command),
          query,
          opts.limit,
        );
        const results = hits.map(presentSearchHit);
        if (opts.json) printJson({ query, results });
        else
          printTable(
            ['KIND', 'ID', 'NAME', 'ACCOUNT', 'DETAIL'],
            results.map((r) => [
              KIND[r.kind],
              r.id,
              r.title,
              r.kind === 'account' ? '' : r.accountName,
              r.detail,
            ]),
            `Nothing found for "${query}".`,
          );
      });
    });
}
