import { apiTokenRepository } from './api-token-repository.ts';
import { commitmentRepository } from './commitment-repository.ts';
import { accountRepository, contactRepository } from './account-repository.ts';
import { dealRepository, stageRepository } from './deal-repository.ts';
import { auditRepository } from './audit-repository.ts';
import { habitRepository } from './habit-repository.ts';
import { callRepository } from './call-repository.ts';
import { digestRepository } from './digest-repository.ts';
import { dealOutcomeRepository } from './deal-outcome-repository.ts';
import { planRepository } from './plan-repository.ts';
import { insightRepository } from './insight-repository.ts';
import { invitationRepository } from './invitation-repository.ts';
import { passwordResetRepository } from './password-reset-repository.ts';
import { sessionRepository } from './session-repository.ts';
import { memberRepository, userRepository, workspaceRepository } from './workspace-repository.ts';
import { momentumRepository } from './momentum-repository.ts';
import { nextStepRepository } from './next-step-repository.ts';
import { renegotiationRepository } from './renegotiation-repository.ts';
import { touchRepository } from './touch-repository.ts';
import { bookedCallRepository } from './booked-call-repository.ts';
import { calendarFeedRepository } from './calendar-feed-repository.ts';
import { calendarMatchReader, feedReader } from '../queries/calendar-feed-read-model.ts';
import { webhookRepository } from './webhook-repository.ts';
import { mailRepository } from './mail-repository.ts';
import { todayReadModel } from '../queries/today-read-model.ts';
import { addressBookReadModel } from '../queries/address-book-read-model.ts';
import { importWriter } from '../import-export/import-writer.ts';
import { workspaceArchive } from '../import-export/workspace-tables.ts';

/** Every repository, stateless: each takes the executor it should run on. Use cases receive
 * this object but type their dependency on only the repositories they use. */
export const repositories = {
  workspaces: workspaceRepository,
  users: userRepository,
  members: memberRepository,
  accounts: accountRepository,
  contacts: contactRepository,
  addressBook: addressBookReadModel,
  stages: stageRepository,
  deals: dealRepository,
  habits: habitRepository,
  calls: callRepository,
  plans: planRepository,
  outcomes: dealOutcomeRepository,
  insights: insightRepository,
  audit: auditRepository,
  apiTokens: apiTokenRepository,
  sessions: sessionRepository,
  invitations: invitationRepository,
  passwordResets: passwordResetRepository,
  commitments: commitmentRepository,
  renegotiations: renegotiationRepository,
  touches: touchRepository,
  mail: mailRepository,
  nextSteps: nextStepRepository,
  momentum: momentumRepository,
  webhooks: webhookRepository,
  today: todayReadModel,
  calendarFeeds: calendarFeedRepository,
  bookedCalls: bookedCallRepository,
  feedReader,
  calendarMatches: calendarMatchReader,
  digests: digestRepository,
  importWriter,
  archive: workspaceArchive,
};

export type Repositories = typeof repositories;
