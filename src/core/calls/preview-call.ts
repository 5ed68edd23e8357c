import { extractCommitments, type ExtractionResult } from '../extraction/index.ts';
import type { ReadDeps } from '../kernel/deps.ts';
import type { Actor } from '../workspaces/types.ts';
import {
  resolveCallSetting,
  type CallSetting,
  type CallSettingDeps,
  type CallSettingInput,
} from './call-setting.ts';
import { parseNotes } from './validation.ts';
import { suggestAttendees, type AttendeeSuggestion } from './attendee-suggestions.ts';

export interface CallPreview {
  setting: CallSetting;
  proposals: ExtractionResult;
  /** People the notes name who are not attendees yet: the account's contacts, then new names. */
  suggestedAttendees: AttendeeSuggestion[];
}

/**
 * The first step of logging a call: reads the notes and proposes the promises made and the
 * next step agreed, without saving anything. A person confirms, edits or drops each proposal
 * before the call is saved.
 */
export async function previewCall(
  deps: ReadDeps & CallSettingDeps,
  actor: Actor,
  input: CallSettingInput & { notes?: string | null },
): Promise<CallPreview> {
  const notes = parseNotes(input.notes);
  const ex = deps.runner.executor;
  const setting = await resolveCallSetting(deps, ex, actor, input);
  const [contacts, members] = await Promise.all([
    deps.contacts.list(ex, setting.deal.workspaceId, { accountId: setting.deal.accountId }),
    deps.members.listByWorkspace(ex, setting.deal.workspaceId),
  ]);
  const suggestedAttendees = suggestAttendees(notes, {
    contacts,
    excluded: [...members.map((m) => m.name), ...setting.extraction.theirs],
    attendees: setting.attendees,
  });
  return {
    setting,
    proposals: extractCommitments(notes, setting.extraction),
    suggestedAttendees,
  };
}
