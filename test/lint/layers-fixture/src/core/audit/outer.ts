// forbidden: core-not-outer-layers
import { context } from '../../app/context.ts';
import { repository } from '../../storage/repository.ts';
import { route } from '../../http/routes/deals.ts';
import { command } from '../../cli/commands/deals.ts';
import { page } from '../../../web/src/main.ts';

export const outer = [context, repository, route, command, page];
