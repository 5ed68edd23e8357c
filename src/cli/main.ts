import { Command, CommanderError } from 'commander';
import { VERSION } from '../app/version.ts';
import { isDomainError } from '../core/shared/errors.ts';
import { registerAccountCommands } from './commands/accounts.ts';
import { registerAuditCommand } from './commands/audit.ts';
import { registerBackupCommand } from './commands/backup.ts';
import { registerCommitmentCommands } from './commands/commitments.ts';
import { registerExtractCommand } from './commands/extract.ts';
import { registerDealCommands } from './commands/deals.ts';
import { registerDemoCommand } from './commands/demo.ts';
import { registerDealMomentumCommands } from './commands/deal-momentum.ts';
import { registerMarchCommands } from './commands/march.ts';
import { registerStageCommands } from './commands/stage.ts';
import { registerTodayCommand } from './commands/today.ts';
import { registerTouchCommand } from './commands/touch.ts';
import { registerInitCommand } from './commands/init.ts';
import { registerMemberCommands } from './commands/members.ts';
import { registerServeCommand } from './commands/serve.ts';
import { registerTokenCommands } from './commands/tokens.ts';
import { registerCallCommands } from './commands/calls.ts';
import { registerDealOutcomeCommands } from './commands/deal-outcomes.ts';
import { registerInsightsCommand } from './commands/insights.ts';
import { registerPlanCommands } from './commands/plans.ts';
import { registerPlaybookCommands } from './commands/playbook.ts';
import { registerImportCommand } from './commands/import.ts';
import { registerExportCommand } from './commands/export.ts';

export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

export function buildProgram(): Command {
  const program = new Command('momentum')
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

  registerServeCommand(program);
  registerInitCommand(program);
  registerDemoCommand(program);
  registerAccountCommands(program);
  registerDealMomentumCommands(registerDealCommands(program));
  registerDealOutcomeCommands(program);
  registerCallCommands(program);
  registerPlanCommands(program);
  registerPlaybookCommands(program);
  registerInsightsCommand(program);
  registerTodayCommand(program);
  registerTouchCommand(program);
  registerMarchCommands(program);
  registerStageCommands(program);
  registerTokenCommands(program);
  registerMemberCommands(program);
  registerAuditCommand(program);
  registerCommitmentCommands(program);
  registerExtractCommand(program);
  registerBackupCommand(program);
  registerImportCommand(program);
  registerExportCommand(program);

  // Every subcommand rejects unknown options and extra arguments, and exits instead of
  // calling process.exit itself so that main() decides the code.
  const harden = (cmd: Command) => {
    cmd.exitOverride();
    cmd.allowExcessArguments(false);
    cmd.commands.forEach(harden);
  };
  harden(program);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
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
  }
}
