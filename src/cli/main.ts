import { Command, CommanderError } from 'commander';
import { VERSION } from '../app/version.ts';
import type { Clock } from '../core/kernel/clock.ts';
import { isDomainError } from '../core/kernel/errors.ts';
import { useCliClock } from './runtime.ts';

export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

type Register = (program: Command) => void;

/**
 * Every top-level command, with the one-line summary `momentum --help` prints and the modules
 * that register it. A command's modules (and the use cases, drivers and libraries they import)
 * load only when that command runs, so `momentum --help` loads none of them and
 * `momentum today` loads only what Today needs. test/cli/command-table.test.ts checks that each
 * summary matches what its module registers. A new command: add a row here.
 */
export const COMMANDS: readonly { name: string; summary: string; load: () => Promise<Register> }[] =
  [
    {
      name: 'serve',
      summary: 'Run the web app and the HTTP API (default http://localhost:3000)',
      load: async () => (await import('./commands/serve.ts')).registerServeCommand,
    },
    {
      name: 'worker',
      summary:
        'Run background jobs (webhook deliveries, scheduled scans, the daily digest) without serving HTTP; any number may run on one PostgreSQL database',
      load: async () => (await import('./commands/worker.ts')).registerWorkerCommand,
    },
    {
      name: 'webhook',
      summary:
        'Webhooks: signed HTTP calls to other tools when things happen (owners and managers)',
      load: async () => (await import('./commands/webhooks.ts')).registerWebhookCommands,
    },
    {
      name: 'init',
      summary:
        'Create a workspace and its owner (the first member); later commands act as this owner',
      load: async () => (await import('./commands/init.ts')).registerInitCommand,
    },
    {
      name: 'workspace',
      summary: 'Workspaces in this database (usually one)',
      load: async () => (await import('./commands/workspaces.ts')).registerWorkspaceCommands,
    },
    {
      name: 'demo',
      summary:
        'Create a sample workspace to explore: a small team, deals in every stage, calls, promises and plans dated around today (a new database only)',
      load: async () => (await import('./commands/demo.ts')).registerDemoCommand,
    },
    {
      name: 'account',
      summary: 'Accounts: the companies you sell to',
      load: async () => (await import('./commands/accounts.ts')).registerAccountCommands,
    },
    {
      name: 'contact',
      summary: 'Contacts: the people at your accounts',
      load: async () => (await import('./commands/accounts.ts')).registerAccountCommands,
    },
    {
      name: 'search',
      summary:
        'Search deals, accounts and contacts (case and accents ignored; every word must match), best first',
      load: async () => (await import('./commands/search.ts')).registerSearchCommand,
    },
    {
      name: 'deal',
      summary: 'Deals: opportunities on accounts',
      load: async () => {
        const [deals, momentum, outcomes] = await Promise.all([
          import('./commands/deals.ts'),
          import('./commands/deal-momentum.ts'),
          import('./commands/deal-outcomes.ts'),
        ]);
        return (program) => {
          momentum.registerDealMomentumCommands(deals.registerDealCommands(program));
          outcomes.registerDealOutcomeCommands(program);
        };
      },
    },
    {
      name: 'mail',
      summary: 'E-mail in: file messages on deals and mark the promises they keep',
      load: async () => (await import('./commands/mail.ts')).registerMailCommands,
    },
    {
      name: 'call',
      summary: 'Sales calls: log one, see them',
      load: async () => (await import('./commands/calls.ts')).registerCallCommands,
    },
    {
      name: 'plan',
      summary:
        'The deal plan (habit 2): objective, people, milestones, risks; every change a revision',
      load: async () => (await import('./commands/plans.ts')).registerPlanCommands,
    },
    {
      name: 'playbook',
      summary: 'The call habits checked on every call (ten by default)',
      load: async () => (await import('./commands/playbook.ts')).registerPlaybookCommands,
    },
    {
      name: 'insights',
      summary:
        'Promise keeping, the march, habits and win rates, outcomes and reasons, lessons, neglect and momentum',
      load: async () => (await import('./commands/insights.ts')).registerInsightsCommand,
    },
    {
      name: 'today',
      summary:
        'What to do today, in order: promises to deliver, promises to chase, meetings, neglected deals to revive, prospects',
      load: async () => (await import('./commands/today.ts')).registerTodayCommand,
    },
    {
      name: 'touch',
      summary: 'Log a forward action on a deal; it counts towards your daily march',
      load: async () => (await import('./commands/touch.ts')).registerTouchCommand,
    },
    {
      name: 'march',
      summary: 'Your daily march: touches per business day against your floor and ceiling',
      load: async () => (await import('./commands/march.ts')).registerMarchCommands,
    },
    {
      name: 'stage',
      summary: 'Pipeline stages and their neglect thresholds',
      load: async () => (await import('./commands/stage.ts')).registerStageCommands,
    },
    {
      name: 'calendar',
      summary: 'Your calendar: a private feed URL to subscribe to, and importing meetings',
      load: async () => (await import('./commands/calendar.ts')).registerCalendarCommands,
    },
    {
      name: 'token',
      summary: 'API tokens for scripts (Authorization: Bearer …)',
      load: async () => (await import('./commands/tokens.ts')).registerTokenCommands,
    },
    {
      name: 'member',
      summary: 'The team: members, roles, invitations and passwords',
      load: async () => (await import('./commands/members.ts')).registerMemberCommands,
    },
    {
      name: 'audit',
      summary: 'The audit log, newest first: who changed what, when (owners and managers)',
      load: async () => (await import('./commands/audit.ts')).registerAuditCommand,
    },
    {
      name: 'commit',
      summary: 'Promises: ours to deliver early, theirs to chase',
      load: async () => (await import('./commands/commitments.ts')).registerCommitmentCommands,
    },
    {
      name: 'extract',
      summary:
        'Propose the commitments and next step in call notes read from stdin (offline; no workspace needed)',
      load: async () => (await import('./commands/extract.ts')).registerExtractCommand,
    },
    {
      name: 'backup',
      summary:
        'Copy the SQLite database to FILE while the server keeps running, and check the copy',
      load: async () => (await import('./commands/backup.ts')).registerBackupCommand,
    },
    {
      name: 'import',
      summary: 'Import CSV exports from HubSpot, Pipedrive or Salesforce, or a Momentum export',
      load: async () => (await import('./commands/import.ts')).registerImportCommand,
    },
    {
      name: 'digest',
      summary: 'The daily digest e-mail: send it now, turn it on or off, set its time',
      load: async () => (await import('./commands/digest.ts')).registerDigestCommands,
    },
    {
      name: 'export',
      summary: 'Export everything the workspace holds, as JSON or CSV',
      load: async () => (await import('./commands/export.ts')).registerExportCommand,
    },
  ];

/** Global options that take a value: the command name is the first word that is not one. */
const VALUE_OPTIONS = new Set(['--db', '--as', '--workspace-id']);

/** The command a command line asks for (`momentum help X` asks for X), if any. */
export function commandNamed(args: readonly string[]): string | undefined {
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i]!;
    if (VALUE_OPTIONS.has(arg)) i += 1;
    else if (arg === '--') return args[i + 1];
    else if (!arg.startsWith('-')) return arg === 'help' ? (args[i + 1] ?? arg) : arg;
  }
  return undefined;
}

function newProgram(): Command {
  return new Command('momentum')
    .description(
      'Momentum: keep every sales promise early, march steadily, let no deal die of neglect.',
    )
    .version(VERSION, '-V, --version')
    .option(
      '--db <path>',
      'SQLite database file (MOMENTUM_DB; default ./data/momentum.db; DATABASE_URL=postgres://… picks PostgreSQL)',
    )
    .option('--as <email>', 'act as this member of the workspace (default: the owner)')
    .option(
      '--workspace-id <id>',
      'the workspace, when the database holds several (MOMENTUM_WORKSPACE)',
    )
    .option('--debug', 'print stack traces on failure')
    .showSuggestionAfterError()
    .showHelpAfterError('(run with --help for usage)');
}

/** Every subcommand rejects unknown options and extra arguments, and exits instead of calling
 * process.exit itself so that main() decides the code. */
function harden(cmd: Command): void {
  cmd.exitOverride();
  cmd.allowExcessArguments(false);
  cmd.commands.forEach(harden);
}

/**
 * The program for a command line: the asked-for command fully registered (its modules
 * loaded), every other command only by name and summary, enough for help and suggestions.
 * With no `args`, every command is loaded (tests and tools that inspect the whole CLI).
 */
export async function buildProgram(args?: readonly string[]): Promise<Command> {
  const program = newProgram();
  const wanted = args ? commandNamed(args) : undefined;
  const loaded = new Set<Register>();
  for (const entry of COMMANDS) {
    if (args && entry.name !== wanted) continue;
    const register = await entry.load();
    if (!loaded.has(register)) register(program);
    loaded.add(register);
  }
  // One module may register several commands (account and contact): placeholders only for
  // those still missing.
  for (const entry of COMMANDS) {
    if (!program.commands.some((c) => c.name() === entry.name))
      program.command(entry.name).description(entry.summary);
  }
  harden(program);
  return program;
}

export interface MainOptions {
  /** The clock every command's use cases see (default: the system clock). */
  clock?: Clock;
}

export async function main(argv: string[], options: MainOptions = {}): Promise<number> {
  const restoreClock = useCliClock(options.clock);
  try {
    const program = await buildProgram(argv.slice(2));
    await program.parseAsync(argv);
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version "errors" are successful exits; everything else is a usage error.
      return error.code === 'commander.helpDisplayed' ||
        error.code === 'commander.version' ||
        error.code === 'commander.help'
        ? 0
        : EXIT_USAGE;
    }
    const debug = argv.includes('--debug');
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`momentum: ${isDomainError(error) ? message : message.split('\n')[0]}\n`);
    if (debug && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
    return EXIT_FAILURE;
  } finally {
    restoreClock();
  }
}
