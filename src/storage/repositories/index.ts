import { apiTokenRepository } from './api-token-repository.ts';
import { commitmentRepository } from './commitment-repository.ts';
import { accountRepository, contactRepository } from './account-repository.ts';
import { dealRepository, stageRepository } from './deal-repository.ts';
import { auditRepository } from './audit-repository.ts';
import { habitRepository } from './habit-repository.ts';
import { memberRepository, userRepository, workspaceRepository } from './workspace-repository.ts';

/** Every repository, stateless: each takes the executor it should run on. Use cases receive
 * this object but type their dependency on only the repositories they use. */
export const repositories = {
  workspaces: workspaceRepository,
  users: userRepository,
  members: memberRepository,
  accounts: accountRepository,
  contacts: contactRepository,
  stages: stageRepository,
  deals: dealRepository,
  habits: habitRepository,
  audit: auditRepository,
  apiTokens: apiTokenRepository,
  commitments: commitmentRepository,
};

export type Repositories = typeof repositories;
